using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;
using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Solver;

/// <summary>
/// Contract 1.1, section 4 (<c>lines[].slip</c>): the optimiser maximises the expected value
/// <c>ev(l, n, s) = sum over d of p_d * v(n, s + d)</c>, with <c>v = 0</c> after the horizon. Hand-derived optima on
/// tiny requests, then the pooled formulation against the plain one and against GLPK on random requests with slips.
/// </summary>
public class DeliveryRiskTests
{
    private static string Request(int periods, string lines, string needs, int budget = 1000) => $$"""
        {
          "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": {{periods}} },
          "donors": [ { "id": "d", "tranches": [ { "amount": {{budget}}, "currency": "USD" } ] } ],
          "lines": [ {{lines}} ],
          "needs": [ {{needs}} ]
        }
        """;

    private static string LineJson(string id, string producer, string slip, string capacity = "1", int leadTime = 0) =>
        $$"""{ "id": "{{id}}", "producer": "{{producer}}", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": {{leadTime}}, "capacity": {{capacity}}{{(slip == "" ? "" : $", \"slip\": {slip}")}} }""";

    private static string NeedJson(string id, int dueBy, double decay, double quantity = 1, double priority = 10) =>
        $$"""{ "id": "{{id}}", "category": "a", "quantity": {{quantity}}, "priority": {{priority}}, "dueBy": {{dueBy}}, "lateDecay": {{decay}} }""";

    // P = 5, one unit wanted, worth 10, due in period 0, a quarter of the value lost per period late. The line always
    // delivers two periods late (slip [0, 0, 1]): a unit due in 0 arrives in 2 and is worth 10 * (1 - 2 * 0.25) = 5;
    // due in 1 it arrives in 3 (2.5). V = 5, C = 10; the delivery row keeps the due period 0 and the expected value 5,
    // and the unit counts as on time (it is due by dueBy).
    [Fact]
    public void Solve_AlwaysTwoPeriodsLate_LateUnitAfterDueDateIsWorthItsDecayedValue()
    {
        var result = Solve(Request(5, LineJson("l", "p", "[0, 0, 1]"), NeedJson("n", 0, 0.25)), value: 5, committed: 10);

        var row = Assert.Single(result.Deliveries);
        Assert.Equal(0, row.Period);
        Near(5, row.Value, "deliveries[0].value");
        Near(1, Need(result, "n").OnTimeUnits, "onTimeUnits");
        Near(5, Need(result, "n").Value, "needs[0].value");
    }

    // P = 2, due in 1, no decay, slip [0.4, 0.6]. A unit due in 0 arrives by period 1 for sure: worth 10. A unit due
    // in 1 arrives after the horizon with probability 0.6: worth 0.4 * 10 = 4. Capacity 1 a period, 2 wanted: buy both,
    // V = 10 + 4 = 14, C = 20.
    [Fact]
    public void Solve_SlipPastHorizon_IsWorthNothing()
    {
        var result = Solve(Request(2, LineJson("l", "p", "[0.4, 0.6]"), NeedJson("n", 1, 0, quantity: 2, priority: 20)), value: 14, committed: 20);

        Near(10, result.Deliveries.Single(d => d.Period == 0).Value, "value due in 0");
        Near(4, result.Deliveries.Single(d => d.Period == 1).Value, "value due in 1");
    }

    // P = 1 and the line is always a period late: every unit arrives after the horizon, so nothing is worth buying.
    [Fact]
    public void Solve_AlwaysAfterHorizon_BuysNothing()
    {
        var result = Solve(Request(1, LineJson("l", "p", "[0, 1]"), NeedJson("n", 0, 0)), value: 0, committed: 0);

        Assert.Empty(result.Allocations);
        Assert.Empty(result.Deliveries);
    }

    // Why slips are not spread over arrival periods (docs/model.md, "Delivery risk"). P = 2, one line, 2 units in
    // period 0, slip [0.5, 0.5]. Need "urgent" (due 0, worthless a period late) and need "later" (due 1, worthless
    // after), each 1 unit worth 1. A unit for "urgent" is worth 0.5, one for "later" 1 (it arrives by 1 for sure):
    // V = 1.5, C = 20. Spreading each unit over its arrival periods would let the arriving halves choose their need
    // after the fact and claim 2.
    [Fact]
    public void Solve_OneLineTwoNeeds_EachUnitGoesToOneNeedBeforeTheSlipIsKnown()
    {
        var result = Solve(Request(2, LineJson("l", "p", "[0.5, 0.5]", capacity: "[2, 0]"),
            $"{NeedJson("urgent", 0, 1, priority: 1)}, {NeedJson("later", 1, 1, priority: 1)}"), value: 1.5, committed: 20);

        Near(0.5, Need(result, "urgent").Value, "urgent value");
        Near(1, Need(result, "later").Value, "later value");
    }

    // Lines of one category are no longer interchangeable. P = 2, "sure" always on time, "slow" always a period late,
    // each 1 unit in period 0. Need "urgent" (due 0, worthless late) and "later" (due 1), 1 unit each worth 10: the
    // sure unit must go to "urgent" and the slow one to "later". V = 20, C = 20; pooling the two lines together
    // (as contract v1 does) could send the slow unit to "urgent".
    [Fact]
    public void Solve_TwoSlipProfilesInOneCategory_EachServesTheNeedItIsWorthMostTo()
    {
        var result = Solve(Request(2, $"{LineJson("sure", "p1", "", "[1, 0]")}, {LineJson("slow", "p2", "[0, 1]", "[1, 0]")}",
            $"{NeedJson("urgent", 0, 1)}, {NeedJson("later", 1, 1)}"), value: 20, committed: 20);

        Assert.Equal("sure", result.Deliveries.Single(d => d.Need == "urgent").Line);
        Assert.Equal("slow", result.Deliveries.Single(d => d.Need == "later").Line);
    }

    // A slip of [1] (or [1, 0]) is no slip: the same bytes as without it.
    [Fact]
    public void Solve_SlipOfOne_SameResultAsWithout()
    {
        var needs = $"{NeedJson("urgent", 0, 0.5, quantity: 3)}, {NeedJson("later", 1, 0.1, quantity: 2)}";
        var without = AllocationEngine.Solve(TestRequests.Parse(Request(3, LineJson("l", "p", "", "2"), needs)));
        var with = AllocationEngine.Solve(TestRequests.Parse(Request(3, LineJson("l", "p", "[1, 0]", "2"), needs)));

        Assert.Equal(Comparable(without), Comparable(with));
    }

    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomRequestWithSlips_PooledEqualsPlain(int seed)
    {
        var request = RandomSlips.Add(RandomRequests.Create(seed), seed);
        var pooled = AllocationEngine.Solve(request, new SolveOptions { Formulation = FormulationKind.Pooled });
        var plain = AllocationEngine.Solve(request, new SolveOptions { Formulation = FormulationKind.Plain });

        var context = $"seed {seed}\n{RequestReader.Write(request)}";
        foreach (var (kind, result) in new[] { ("pooled", pooled), ("plain", plain) })
        {
            Assert.True(result.Status == "optimal", $"{kind}: status {result.Status} ({result.Message})\n{context}");
            var violations = PlanChecker.Check(request, result);
            Assert.True(violations.Count == 0, $"{kind}:\n{string.Join("\n", violations)}\n{context}");
        }
        Near(plain.Summary.Value, pooled.Summary.Value, $"value\n{context}");
        Near(plain.Summary.Committed, pooled.Summary.Committed, $"committed\n{context}");
    }

    [GlpkTheory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomRequestWithSlips_AgreesWithGlpk(int seed)
    {
        var request = RandomSlips.Add(RandomRequests.Create(seed), seed);
        var oracle = GlpkOracle.Solve(request)!;

        var result = AllocationEngine.Solve(request);

        OracleVerdict.AssertAgrees(request, result, oracle, seed);
    }

    // Property: lateness never helps. f_n never rises with the arrival period, so ev(l, n, s) <= v(n, s) for every
    // slip, and every plan is worth no more with slips than on time: the optimum cannot rise either.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomRequestWithSlips_WorthNoMoreThanOnTime(int seed)
    {
        var onTime = RandomRequests.Create(seed);
        var late = RandomSlips.Add(onTime, seed);

        var withSlips = AllocationEngine.Solve(late).Summary.Value;
        var without = AllocationEngine.Solve(onTime).Summary.Value;

        Assert.True(withSlips <= without + 1e-6 * Math.Max(1, without), $"seed {seed}: {withSlips:R} with slips > {without:R} on time");
    }

    /// <summary>The result without timings and the input hash (the two requests' bytes differ by the slip).</summary>
    private static string Comparable(AllocationResult result)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(AllocatorJson.Serialize(result))!.AsObject();
        json.Remove("diagnostics");
        return json.ToJsonString();
    }
}
