using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;
using static Allocator.Tests.Explanations.Explain;
using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Explanations;

/// <summary>Urgency tiers (needs[].tier): the objective is lexicographic by tier, then money.</summary>
public class TierTests
{
    // 100 USD, one line at 10 (100 units). "urgent" (tier 1) wants 6 units worth 1 each; "valuable" (tier 2) wants 10
    // worth 10 each. Without tiers all 10 units go to valuable: V = 100. With tiers, urgent is served first (6 units,
    // 60 USD), valuable gets the other 4: V = 6 + 40 = 46, C = 100.
    private const string Competing = """
        {
          "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
          "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "USD" } ] } ],
          "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 100 } ],
          "needs": [
            { "id": "urgent", "category": "a", "quantity": 6, "priority": 6, "dueBy": 0 TIER1 },
            { "id": "valuable", "category": "a", "quantity": 10, "priority": 100, "dueBy": 0 TIER2 }
          ]
        }
        """;

    [Fact]
    public void WithoutTiers_ValueDecides()
    {
        var result = Solve(Competing.Replace("TIER1", "").Replace("TIER2", ""));
        Near(100, result.Summary.Value, "value");
        Near(0, Need(result, "urgent").DeliveredUnits, "urgent delivered");
    }

    [Fact]
    public void WithTiers_TierOneIsServedFirst()
    {
        var result = Solve(Competing.Replace("TIER1", ", \"tier\": 1").Replace("TIER2", ", \"tier\": 2"));
        Near(46, result.Summary.Value, "value");
        Near(100, result.Summary.Committed, "committed");
        Near(6, Need(result, "urgent").DeliveredUnits, "urgent delivered");
        Near(4, Need(result, "valuable").DeliveredUnits, "valuable delivered");
        // One more USD cannot raise tier 1 (it is met), it raises tier 2 by 10 / 10 = 1: 1,000,000 per million.
        var tranche = TrancheWhy(result, "d");
        Near(1_000_000, tranche.MarginalValuePerMillion!.Value, "tranche marginal value");
        Assert.Equal(2, tranche.Tier);
    }

    // A need without a tier comes after every tiered need: "later" has no tier, so "urgent" (tier 1) goes first.
    [Fact]
    public void NeedWithoutTier_ComesLast()
    {
        var result = Solve(Competing.Replace("TIER1", ", \"tier\": 1").Replace("TIER2", ""));
        Near(6, Need(result, "urgent").DeliveredUnits, "urgent delivered");
        Near(46, result.Summary.Value, "value");
    }

    // Among plans with the same tier values, the least money: tier 1 wants 2 units (met either way), tier 2 wants 3;
    // lines at 10 and 30 with 5 units each. V is the same with any split; C* = 5 * 10 = 50.
    [Fact]
    public void AfterAllTiers_LeastMoney()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [
                { "id": "dear", "producer": "p2", "country": "UA", "category": "a", "unitCost": 30, "currency": "USD", "leadTime": 0, "capacity": 5 },
                { "id": "cheap", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 5 }
              ],
              "needs": [
                { "id": "t1", "category": "a", "quantity": 2, "priority": 2, "dueBy": 0, "tier": 1 },
                { "id": "t2", "category": "a", "quantity": 3, "priority": 3, "dueBy": 0, "tier": 2 }
              ]
            }
            """);
        Near(5, result.Summary.Value, "value");
        Near(50, result.Summary.Committed, "committed");
    }

    [Fact]
    public void TierBelowOne_IsAnInputError()
    {
        var read = RequestReader.Read(Competing.Replace("TIER1", ", \"tier\": 0").Replace("TIER2", ""));
        var errors = RequestValidator.Validate(read.Request!, AllocationEngine.Backends);
        var error = Assert.Single(errors);
        Assert.Equal("$.needs[0].tier", error.Path);
    }

    // Tiers agree with the oracle on the first tier: solving the tier-1 needs alone gives the same tier-1 value.
    [Theory]
    [MemberData(nameof(SeedsWithSeveralNeeds))]
    public void RandomRequests_TierOneValueEqualsSolvingTierOneAlone(int seed)
    {
        var request = RandomRequests.Create(seed);
        var tiered = With(request, r => r["needs"]![0]!["tier"] = 1);
        var alone = With(request, r =>
        {
            var needs = r["needs"]!.AsArray();
            while (needs.Count > 1) needs.RemoveAt(1);
        });
        var result = Solve(tiered);
        var first = result.Needs[0].Value;
        Near(Solve(alone).Summary.Value, first, $"seed {seed}: tier-1 value");
    }

    /// <summary>The first 20 seeds whose random request has at least two needs (so tier 1 competes with others).</summary>
    public static TheoryData<int> SeedsWithSeveralNeeds() =>
        [.. Enumerable.Range(1, 200).Where(seed => RandomRequests.Create(seed).Needs.Count >= 2).Take(20)];
}
