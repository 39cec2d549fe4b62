using Allocator.Tests.Checking;
using static Allocator.Tests.Explanations.Explain;
using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Explanations;

/// <summary>The hand-made baseline: hand-derived cases, and never better than the optimum.</summary>
public class BaselineTests
{
    // Donor A (100 USD, anything) comes first, donor B (100 USD) may only buy category b. Need nb (b, 10 units worth
    // 2 each) ranks first by value per unit, so the hand-made plan buys its 10 units (100 USD) with A's money, in
    // donor order; then na (a, 10 units worth 1 each) finds only B's money, which may not buy a: baseline V = 20,
    // C = 100. The optimiser pays nb from B and na from A: V = 30, C = 200, a gain of 50%.
    [Fact]
    public void DonorOrderWastesFlexibleMoney_OptimiserGainsFiftyPercent()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [
                { "id": "A", "tranches": [ { "amount": 100, "currency": "USD" } ] },
                { "id": "B", "tranches": [ { "amount": 100, "currency": "USD" } ], "eligibility": { "categories": ["b"] } }
              ],
              "lines": [
                { "id": "la", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 },
                { "id": "lb", "producer": "p2", "country": "UA", "category": "b", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 }
              ],
              "needs": [
                { "id": "na", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 },
                { "id": "nb", "category": "b", "quantity": 10, "priority": 20, "dueBy": 0 }
              ]
            }
            """);
        Near(30, result.Summary.Value, "value");
        var baseline = Of(result).Baseline;
        Near(20, baseline.Value, "baseline value");
        Near(100, baseline.Committed, "baseline committed");
        Near(50, baseline.GainPercent!.Value, "gain percent");
        Assert.Contains("donors' money in input order", baseline.Method);
    }

    // Cheapest line first: one need of 10 units worth 1 each, lines at 10 (5 units) and 20 (10 units), 1,000 USD.
    // By hand: 5 cheap units (50 USD), then 5 dear ones (100 USD): V = 10, C = 150, the optimum itself (gain 0).
    [Fact]
    public void SimpleCase_BaselineIsOptimal_GainZero()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [
                { "id": "dear", "producer": "p2", "country": "UA", "category": "a", "unitCost": 20, "currency": "USD", "leadTime": 0, "capacity": 10 },
                { "id": "cheap", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 5 }
              ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 } ]
            }
            """);
        var baseline = Of(result).Baseline;
        Near(10, baseline.Value, "baseline value");
        Near(150, baseline.Committed, "baseline committed");
        Near(0, baseline.GainPercent!.Value, "gain percent");
        Near(150, result.Summary.Committed, "optimiser committed");
    }

    // Late deliveries: one need of 4 units due in period 0, late units lose half their value per period; the only
    // line makes 2 units a period. By hand: 2 on time (value 2), 2 in period 1 (value 1): V = 3, the optimum.
    [Fact]
    public void LateDeliveries_BoughtWhileTheyStillCount()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 2 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 4, "priority": 4, "dueBy": 0, "lateDecay": 0.5 } ]
            }
            """);
        Near(3, Of(result).Baseline.Value, "baseline value");
        Near(40, Of(result).Baseline.Committed, "baseline committed");
        Near(3, result.Summary.Value, "value");
    }

    // The optimiser's plan is at least as valuable as the hand-made one, which never overspends.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomRequests_BaselineNeverBeatsTheOptimum(int seed)
    {
        var result = Solve(RandomRequests.Create(seed), Allocator.Solver.ExplainLevel.Reasons);
        var baseline = Of(result).Baseline;
        Assert.True(baseline.Value <= result.Summary.Value * (1 + 1e-9) + 1e-12, $"seed {seed}: baseline {baseline.Value} > optimum {result.Summary.Value}");
        Assert.True(baseline.Value >= 0 && baseline.Committed >= 0);
        Assert.True(baseline.Committed <= result.Summary.Available * (1 + 1e-12), $"seed {seed}: baseline commits {baseline.Committed} of {result.Summary.Available}");
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 100)];
}
