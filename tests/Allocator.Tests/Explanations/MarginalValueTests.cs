using Allocator.Solver;
using Allocator.Tests.Checking;
using static Allocator.Tests.Explanations.Explain;
using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Explanations;

/// <summary>
/// Marginal values: hand-derived on tiny requests, and on random requests checked against re-solves of the changed
/// request by finite differences (the value of adding: a small step up).
/// </summary>
public class MarginalValueTests
{
    // Money binds: 200 USD buys 20 of the 100 units (10 USD each) that a need of 100 units worth 1 each wants, so
    // V = 20. Each extra USD buys 0.1 unit = 0.1 value: 100,000 per million. Capacity does not bind (no capacity
    // value); the need is short, so a larger need adds nothing.
    [Fact]
    public void MoneyBinds_TrancheValueIsValuePerUnitOverUnitCost()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 200, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 100 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 100, "priority": 100, "dueBy": 0 } ]
            }
            """);
        Near(20, result.Summary.Value, "value");
        Near(100_000, TrancheWhy(result, "d").MarginalValuePerMillion!.Value, "tranche marginal value per million");
        Assert.Empty(LineWhy(result, "l").CapacityValue);
        Near(0, NeedWhy(result, "n").MarginalValuePerUnit!.Value, "need marginal value");
    }

    // TestRequests.CapacityBinds: 4 units a period for 2 periods at 10 USD, 100 USD, need of 10 worth 1 each.
    // Capacity binds in both periods (8 units, 80 USD, 20 USD left): one more unit of capacity in either period
    // adds 1 value; money and the need's size add nothing.
    [Fact]
    public void CapacityBinds_EachBindingPeriodIsWorthOneUnitsValue()
    {
        var result = Solve(TestRequests.CapacityBinds);
        var line = LineWhy(result, "l");
        Assert.Equal([0, 1], line.CapacityValue.Select(v => v.Period));
        foreach (var v in line.CapacityValue) Near(1, v.Value, $"capacity value in period {v.Period}");
        Near(0, TrancheWhy(result, "d").MarginalValuePerMillion!.Value, "tranche marginal value");
        Near(0, NeedWhy(result, "n").MarginalValuePerUnit!.Value, "need marginal value");
    }

    // The need's size binds: plenty of money and capacity, need of 10 worth 30 (3 a unit), delivered in full on
    // time. One more unit of need at the same value per unit adds 3; money and capacity add nothing.
    [Fact]
    public void NeedBinds_NeedValueIsItsValuePerUnit()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 50 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 30, "dueBy": 0 } ]
            }
            """);
        Near(30, result.Summary.Value, "value");
        Near(3, NeedWhy(result, "n").MarginalValuePerUnit!.Value, "need marginal value per unit");
        Near(0, TrancheWhy(result, "d").MarginalValuePerMillion!.Value, "tranche marginal value");
    }

    // Degenerate: 100 USD buys exactly the 10 units (10 USD each) the need wants, so money and need size bind at the
    // same point. Removing money loses 0.1 value a USD (the left-derivative), adding money gains nothing (the need
    // is met): the value of adding, 0, is what must be reported. Likewise one more unit of need gains nothing
    // (no money to buy it), though removing one would lose 1.
    [Fact]
    public void Degenerate_ReportsTheValueOfAddingNotOfRemoving()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 50 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 } ]
            }
            """);
        Near(10, result.Summary.Value, "value");
        Near(0, TrancheWhy(result, "d").MarginalValuePerMillion!.Value, "tranche: value of adding money");
        Near(0, NeedWhy(result, "n").MarginalValuePerUnit!.Value, "need: value of adding a unit");
        Assert.Contains("right-derivative", Of(result).MarginalValueBasis);
    }

    // Finite differences on random requests: for every tranche, raising its amount by a small step and re-solving
    // must raise V by the reported rate (V is concave in the amount, so the slope over a step is at most the
    // right-derivative and tends to it as the step shrinks; the smaller of two steps must agree to 1e-4).
    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomRequests_TrancheValuesMatchReSolves(int seed)
    {
        CheckTrancheValues(seed, RandomRequests.Create(seed));
    }

    // The random requests are mostly short of capacity; with a tenth of the money, money binds and tranches have value.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomRequestsShortOfMoney_TrancheValuesMatchReSolves(int seed)
    {
        CheckTrancheValues(seed, ShortOfMoney(RandomRequests.Create(seed)));
    }

    private static Allocator.Models.AllocationRequest ShortOfMoney(Allocator.Models.AllocationRequest request) => With(request, r =>
    {
        foreach (var donor in r["donors"]!.AsArray())
            foreach (var tranche in donor!["tranches"]!.AsArray())
                tranche!["amount"] = tranche["amount"]!.GetValue<double>() / 10;
    });

    private static void CheckTrancheValues(int seed, Allocator.Models.AllocationRequest request)
    {
        var result = Solve(request);
        var v0 = result.Summary.Value;
        for (var d = 0; d < request.Donors.Count; d++)
            for (var k = 0; k < request.Donors[d].Tranches.Count; k++)
            {
                var tranche = request.Donors[d].Tranches[k];
                var reported = TrancheWhy(result, request.Donors[d].Id, k).MarginalValuePerMillion!.Value / 1e6; // value per base unit
                var slopes = new List<double>();
                foreach (var relative in new[] { 1e-2, 1e-4 })
                {
                    var step = tranche.Amount * relative;
                    var (dd, kk) = (d, k);
                    var raised = With(request, r => r["donors"]![dd]!["tranches"]![kk]!["amount"] = tranche.Amount + step);
                    var v1 = AllocationEngine.Solve(raised, new SolveOptions { Explain = ExplainLevel.None }).Summary.Value;
                    slopes.Add((v1 - v0) / (step * Rate(request, tranche.Currency)));
                }
                var scale = Math.Max(Math.Abs(reported), 1e-9) ;
                var what = $"seed {seed}, donor {request.Donors[d].Id} tranche {k}: reported {reported:R}, re-solve slopes {slopes[0]:R} (step 1e-2), {slopes[1]:R} (step 1e-4)";
                Assert.True(slopes[0] <= reported + 1e-4 * scale + 1e-9, "a larger step gained more than the reported rate: " + what);
                Assert.True(Math.Abs(slopes[1] - reported) <= 1e-4 * scale + 1e-7, what);
            }
    }

    // The same for capacity: one more unit of capacity in a binding period, re-solved.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomRequests_CapacityValuesMatchReSolves(int seed)
    {
        var request = RandomRequests.Create(seed);
        var result = Solve(request);
        var v0 = result.Summary.Value;
        for (var l = 0; l < request.Lines.Count; l++)
            foreach (var value in LineWhy(result, request.Lines[l].Id).CapacityValue)
            {
                var capacity = Enumerable.Range(0, request.Horizon.Periods).Select(t => request.Lines[l].Capacity.At(t)).ToArray();
                var step = Math.Max(1e-5 * capacity[value.Period], 1e-6);
                capacity[value.Period] += step;
                var ll = l;
                var raised = With(request, r => r["lines"]![ll]!["capacity"] = new System.Text.Json.Nodes.JsonArray(capacity.Select(c => (System.Text.Json.Nodes.JsonNode?)c).ToArray()));
                var v1 = AllocationEngine.Solve(raised, new SolveOptions { Explain = ExplainLevel.None }).Summary.Value;
                var slope = (v1 - v0) / step;
                Assert.True(Math.Abs(slope - value.Value) <= 1e-4 * Math.Max(Math.Abs(value.Value), 1e-9) + 1e-6,
                    $"seed {seed}, line {request.Lines[l].Id}, period {value.Period}: reported {value.Value:R}, re-solve slope {slope:R}");
            }
    }

    // And for needs: one more unit of the need at the same value per unit (quantity and priority raised together).
    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomRequests_NeedValuesMatchReSolves(int seed)
    {
        var request = RandomRequests.Create(seed);
        var result = Solve(request);
        var v0 = result.Summary.Value;
        for (var n = 0; n < request.Needs.Count; n++)
        {
            var need = request.Needs[n];
            var reported = NeedWhy(result, need.Id).MarginalValuePerUnit!.Value;
            var step = 1e-4 * need.Quantity;
            var nn = n;
            var raised = With(request, r =>
            {
                r["needs"]![nn]!["quantity"] = need.Quantity + step;
                r["needs"]![nn]!["priority"] = need.Priority * (need.Quantity + step) / need.Quantity;
            });
            var slope = (AllocationEngine.Solve(raised, new SolveOptions { Explain = ExplainLevel.None }).Summary.Value - v0) / step;
            Assert.True(Math.Abs(slope - reported) <= 1e-4 * Math.Max(Math.Abs(reported), 1e-9) + 1e-6,
                $"seed {seed}, need {need.Id}: reported {reported:R}, re-solve slope {slope:R}");
        }
    }

    // The finite-difference tests above mean something only if the random requests have positive marginal values of
    // every kind, and degenerate optima where a re-solve had to correct the dual.
    [Fact]
    public void RandomRequests_CoverPositiveAndCorrectedValues()
    {
        var results = Enumerable.Range(1, 40).Select(seed => Solve(RandomRequests.Create(seed))).ToList();
        var explanations = results.Select(Of).ToList();
        var counts = $"positive: tranches {explanations.Sum(e => e.Tranches.Count(t => t.MarginalValuePerMillion > 0))}, needs {explanations.Sum(e => e.Needs.Count(n => n.MarginalValuePerUnit > 0))}, capacities {explanations.Sum(e => e.Lines.Sum(l => l.CapacityValue.Count(v => v.Value > 0)))}; corrected {explanations.Sum(e => e.Tranches.Count(t => t.Derivative == "right-derivative") + e.Needs.Count(n => n.Derivative == "right-derivative") + e.Lines.Sum(l => l.CapacityValue.Count(v => v.Derivative == "right-derivative")))}";
        Assert.True(explanations.Sum(e => e.Tranches.Count(t => t.MarginalValuePerMillion > 0)) >= 5, "too few positive tranche values: " + counts);
        Assert.True(explanations.Sum(e => e.Needs.Count(n => n.MarginalValuePerUnit > 0)) >= 10, "too few positive need values: " + counts);
        Assert.True(explanations.Sum(e => e.Lines.Sum(l => l.CapacityValue.Count(v => v.Value > 0))) >= 20, "too few positive capacity values: " + counts);
        var corrected = explanations.Sum(e => e.Tranches.Count(t => t.Derivative == "right-derivative")
            + e.Needs.Count(n => n.Derivative == "right-derivative") + e.Lines.Sum(l => l.CapacityValue.Count(v => v.Derivative == "right-derivative")));
        Assert.True(corrected >= 1, "no degenerate case where the dual overstated the value of adding");
        var scarce = Enumerable.Range(1, 40).Sum(seed => Of(Solve(ShortOfMoney(RandomRequests.Create(seed)))).Tranches.Count(t => t.MarginalValuePerMillion > 0));
        Assert.True(scarce >= 20, $"too few positive tranche values when money is short: {scarce}");
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];
}
