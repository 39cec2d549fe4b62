using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;
using Allocator.Tests.Solver.ContractRules;

namespace Allocator.Tests.Solver.WholeUnits;

/// <summary>
/// Contract 1.1, section 1, one rule per test: each tiny request's integer optimum is found by enumeration in the test
/// (<see cref="WholeUnitBruteForce"/>), and the engine's plan must reach it and pass the independent checker, lots and
/// minimum orders included.
/// </summary>
public class WholeUnitRuleTests
{
    private static string Request(string donors, string lines, string needs, string solver = "\"mipGap\": 0") => $$"""
        {
          "schemaVersion": "1", "baseCurrency": "EUR", "horizon": { "periods": 1 },
          "donors": [ {{donors}} ],
          "lines": [ {{lines}} ],
          "needs": [ {{needs}} ],
          "solver": { {{solver}} }
        }
        """;

    private static string Line(string id, double cost, double capacity, double lot, double? minimum = null, string category = "a") =>
        $$"""{ "id": "{{id}}", "producer": "{{id}}", "country": "UA", "category": "{{category}}", "unitCost": {{cost}}, "currency": "EUR", "leadTime": 0, "capacity": {{capacity}}, "lotSize": {{lot}}{{(minimum is { } m ? $", \"minimumOrder\": {m}" : "")}} }""";

    private static string Donor(string id, double amount) => $$"""{ "id": "{{id}}", "tranches": [ { "amount": {{amount}}, "currency": "EUR" } ] }""";

    private static string Need(string id, double quantity, double priority, string category = "a") =>
        $$"""{ "id": "{{id}}", "category": "{{category}}", "quantity": {{quantity}}, "priority": {{priority}}, "dueBy": 0 }""";

    /// <summary>Solves, checks the plan, and compares V and C with the enumerated optimum.</summary>
    private static AllocationResult SolveAgainstBruteForce(string json)
    {
        var request = TestRequests.Parse(json);
        var (value, committed) = WholeUnitBruteForce.Solve(request);
        var result = Rule.Solve(json, value, committed);
        Assert.True(result.Summary.RelaxedValue >= result.Summary.Value, $"relaxedValue {result.Summary.RelaxedValue} < value {result.Summary.Value}");
        Assert.True(result.Summary.ValueBound >= result.Summary.Value, $"valueBound {result.Summary.ValueBound} < value {result.Summary.Value}");
        Assert.Equal(0, result.Diagnostics.MipGap);
        return result;
    }

    [Fact]
    public void Lot_ThatNoLongerFitsTheBudget_IsNotBought()
    {
        // 3,500 buys 3.5 guns: the LP's value is 7, whole guns give 3 (value 6) and leave 500.
        var result = SolveAgainstBruteForce(Request(Donor("d", 3500), Line("guns", 1000, 10, 1), Need("n", 5, 10)));
        Rule.Near(3, Rule.FundedUnits(result, "guns"), "guns funded");
        Rule.Near(7, result.Summary.RelaxedValue!.Value, "relaxedValue");
        Rule.Near(500, result.Summary.Unallocated, "unallocated");
    }

    [Fact]
    public void MinimumOrder_AboveTheCapacity_LeavesTheLineUnfunded()
    {
        // The cheap line can make 600 but sells no fewer than 1,000: only the dear line can serve the 800 wanted.
        var result = SolveAgainstBruteForce(Request(Donor("d", 2000),
            $"{Line("cheap", 1, 600, 100, minimum: 1000)}, {Line("dear", 2, 1000, 100)}", Need("n", 800, 8)));
        Assert.Equal(0, Rule.FundedUnits(result, "cheap"));
        Rule.Near(800, Rule.FundedUnits(result, "dear"), "dear funded");
    }

    [Fact]
    public void OneLot_CoFinancedByTwoTranches()
    {
        // A lot of 1,000 rounds at 1 EUR: neither donor (600, 500) can pay it alone, together they can.
        var result = SolveAgainstBruteForce(Request($"{Donor("a", 600)}, {Donor("b", 500)}", Line("shells", 1, 3000, 1000), Need("n", 1500, 3)));
        var rows = result.Allocations.Where(a => a.Line == "shells").ToList();
        Assert.Equal(["a", "b"], rows.Select(r => r.Donor).Order());
        Rule.Near(1000, rows.Sum(r => r.Units), "units of the lot");
    }

    [Fact]
    public void MinimumOrder_MakesTheCheaperLineLoseToTheDearerOne()
    {
        // 300 wanted: the cheap line (1 EUR) sells at least 1,000, costing 1,000; the dear line (1.5 EUR) sells 300 for
        // 450. Both give the whole value, so the money stage picks the dearer line.
        var result = SolveAgainstBruteForce(Request(Donor("d", 2000),
            $"{Line("cheap", 1, 2000, 10, minimum: 1000)}, {Line("dear", 1.5, 2000, 10)}", Need("n", 300, 3)));
        Assert.Equal(0, Rule.FundedUnits(result, "cheap"));
        Rule.Near(300, Rule.FundedUnits(result, "dear"), "dear funded");
    }

    [Fact]
    public void MinimumOrder_WithoutALotSize_IsZeroOrAtLeastTheMinimum()
    {
        // No lot size: units are continuous, but the line takes 400 or nothing. 300 is wanted at 1 EUR with 1,000 to
        // spend: buying the minimum (400 for 400 EUR) beats buying nothing; the 100 over the need are worth nothing.
        var json = """
            {
              "schemaVersion": "1", "baseCurrency": "EUR", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "EUR" } ] } ],
              "lines": [ { "id": "l", "producer": "p", "country": "UA", "category": "a", "unitCost": 1, "currency": "EUR", "leadTime": 0, "capacity": 1000, "minimumOrder": 400 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 300, "priority": 3, "dueBy": 0 } ]
            }
            """;
        var result = Rule.Solve(json, value: 3, committed: 400);
        Rule.Near(400, Rule.FundedUnits(result, "l"), "funded");
    }

    [Fact]
    public void MipGap_Large_StopsEarlyButWithinTheGapOfItsBound()
    {
        // Many lot sizes against one budget: a knapsack. With a gap of 50%, any plan within half of its bound is allowed.
        var lines = string.Join(", ", Enumerable.Range(0, 6).Select(i => Line($"l{i}", 7 + 3 * i, 40, 3 + i)));
        var json = Request(Donor("d", 1000), lines, Need("n", 200, 20), solver: "\"mipGap\": 0.5");
        var request = TestRequests.Parse(json);
        var (best, _) = WholeUnitBruteForce.Solve(request);
        var result = AllocationEngine.Solve(request);
        Assert.Equal("optimal", result.Status);
        Assert.Empty(PlanChecker.Check(request, result));
        var bound = result.Summary.ValueBound!.Value;
        Assert.True(result.Summary.Value <= best * (1 + 1e-9), $"value {result.Summary.Value} above the enumerated optimum {best}");
        Assert.True(bound >= best * (1 - 1e-9), $"valueBound {bound} below the enumerated optimum {best}");
        Assert.True(bound - result.Summary.Value <= 0.5 * Math.Max(1, bound), $"value {result.Summary.Value} is more than 50% from its bound {bound}");
        Assert.True(result.Diagnostics.MipGap <= 0.5);

        var exact = AllocationEngine.Solve(TestRequests.Parse(json.Replace("\"mipGap\": 0.5", "\"mipGap\": 0", StringComparison.Ordinal)));
        Rule.Near(best, exact.Summary.Value, "value at gap 0");
    }

    [Fact]
    public void TimeLimit_TooShortForAnyPlan_IsNotSolvedAndSaysWhy()
    {
        var json = Request(Donor("d", 3500), Line("guns", 1000, 10, 1), Need("n", 5, 10), solver: "\"timeLimitSeconds\": 1e-9");
        var result = AllocationEngine.Solve(TestRequests.Parse(json));
        Assert.Equal("not_solved", result.Status);
        Assert.Contains("time limit", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeLimit_DuringTheMoneyStage_KeepsTheBestPlanAsFeasibleWithTheGap()
    {
        // The generated S scenario in whole lots: its value stage takes under a second here, its money stage about
        // 40 s on the 2-core test machine (bench/README.md), so a 4 s limit stops the money stage with a plan.
        var request = Allocator.Scenarios.WholeUnitScenarios.Apply(Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset("S"), 1), 1);
        var result = AllocationEngine.Solve(request, new SolveOptions { TimeLimitSeconds = 4, Explain = ExplainLevel.None });

        Assert.Equal("feasible", result.Status);
        Assert.Contains("time limit", result.Message, StringComparison.Ordinal);
        Assert.Contains("of the best possible", result.Message, StringComparison.Ordinal);
        Assert.Empty(PlanChecker.Check(request, result));
        Assert.True(result.Summary.ValueBound >= result.Summary.Value && result.Summary.RelaxedValue >= result.Summary.Value);
        Assert.Equal(Math.Round((result.Summary.ValueBound!.Value - result.Summary.Value) / Math.Max(1, result.Summary.ValueBound.Value), 9),
            Math.Round(result.Diagnostics.MipGap!.Value, 9));
    }

    [Fact]
    public void BackendOption_ThatSolvesOnlyLps_IsAnInputErrorForLots()
    {
        var request = TestRequests.Parse(Request(Donor("d", 3500), Line("guns", 1000, 10, 1), Need("n", 5, 10)));

        var error = Assert.Single(Assert.Throws<InvalidRequestException>(() => AllocationEngine.Solve(request, new SolveOptions { Backend = "glop" })).Errors);
        Assert.Equal("$.solver.backend", error.Path);
    }

    [Fact]
    public void Request_WithoutLots_HasNoWholeUnitFigures()
    {
        var result = AllocationEngine.Solve(TestRequests.Parse(TestRequests.CapacityBinds));

        Assert.Null(result.Summary.ValueBound);
        Assert.Null(result.Summary.RelaxedValue);
        Assert.Null(result.Diagnostics.MipGap);
    }

    [Fact]
    public void UrgencyTiers_InWholeLots_AreMaximisedOneAfterTheOther()
    {
        // Tier 1 wants shells, tier 2 guns: 2,500 EUR buy two lots of 1,000 shells (tier 1 covered by 1,500 of them)
        // or guns. Tier 1 first, whatever tier 2 would have gained.
        var json = Request(Donor("d", 2500),
            $"{Line("shells", 1, 3000, 1000, category: "shell")}, {Line("guns", 500, 10, 1, category: "gun")}",
            """{ "id": "s", "category": "shell", "quantity": 1500, "priority": 3, "dueBy": 0, "tier": 1 }, { "id": "g", "category": "gun", "quantity": 5, "priority": 100, "dueBy": 0, "tier": 2 }""");
        var request = TestRequests.Parse(json);
        var (values, committed) = WholeUnitBruteForce.SolveTiered(request);

        var result = Rule.Solve(json, values.Sum(), committed);
        Rule.Near(values[0], result.Needs.Single(n => n.Id == "s").Value, "tier 1 value");
        Rule.Near(values[1], result.Needs.Single(n => n.Id == "g").Value, "tier 2 value");
    }
}
