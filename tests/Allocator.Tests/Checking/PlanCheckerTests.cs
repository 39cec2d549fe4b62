using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>
/// The checker must accept a correct plan and name each kind of violation. Plans are built with
/// <see cref="OraclePlan"/> from hand-written solutions, so these tests need no LP solver.
/// </summary>
public class PlanCheckerTests
{
    private static readonly AllocationRequest Tiny = TestRequests.Parse(TestRequests.CapacityBinds);

    // CapacityBinds' optimum: 4 units in each period, all delivered to the need.
    private static OracleSolution Optimum(double units0 = 4, double units1 = 4, double delivered0 = 4, double delivered1 = 4) =>
        new(8, 80, 80,
            [new OracleFunding(0, 0, 0, 0, units0), new OracleFunding(0, 0, 0, 1, units1)],
            [new OracleDelivery(0, 0, 0, delivered0), new OracleDelivery(0, 0, 1, delivered1)]);

    [Fact]
    public void Check_OptimalPlan_HasNoViolations()
    {
        Assert.Empty(PlanChecker.Check(Tiny, OraclePlan.ToResult(Tiny, Optimum())));
    }

    [Fact]
    public void Check_OverCapacity_ReportsCapacity()
    {
        var violations = PlanChecker.Check(Tiny, OraclePlan.ToResult(Tiny, Optimum(units0: 5)));

        Assert.Contains(violations, v => v.Contains("exceed capacity"));
    }

    [Fact]
    public void Check_OverBudget_ReportsTranche()
    {
        var poorer = TestRequests.Parse(TestRequests.CapacityBinds.Replace("\"amount\": 100", "\"amount\": 70"));

        var violations = PlanChecker.Check(poorer, OraclePlan.ToResult(poorer, Optimum()));

        Assert.Contains(violations, v => v.StartsWith("tranche d/0") && v.Contains("exceeds its budget"));
    }

    [Fact]
    public void Check_DeliveringUnfundedUnits_ReportsFunding()
    {
        var violations = PlanChecker.Check(Tiny, OraclePlan.ToResult(Tiny, Optimum(units1: 3)));

        Assert.Contains(violations, v => v.Contains("line l period 1") && v.Contains("were funded"));
    }

    [Fact]
    public void Check_MoreThanNeeded_ReportsNeedQuantity()
    {
        var smaller = TestRequests.Parse(TestRequests.CapacityBinds.Replace("\"quantity\": 10", "\"quantity\": 7"));

        var violations = PlanChecker.Check(smaller, OraclePlan.ToResult(smaller, Optimum()));

        Assert.Contains(violations, v => v.StartsWith("need n") && v.Contains("more than its quantity"));
    }

    [Fact]
    public void Check_FundingBeforeWindow_ReportsWindow()
    {
        var late = TestRequests.Parse(TestRequests.CapacityBinds.Replace("\"currency\": \"USD\" }", "\"currency\": \"USD\", \"availableFrom\": 1 }"));

        var violations = PlanChecker.Check(late, OraclePlan.ToResult(late, Optimum()));

        Assert.Contains(violations, v => v.StartsWith("allocations[0]") && v.Contains("outside the tranche window"));
    }

    [Fact]
    public void Check_IneligibleLine_ReportsEarmark()
    {
        var earmarked = TestRequests.Parse(TestRequests.CapacityBinds.Replace("\"currency\": \"USD\" } ]", "\"currency\": \"USD\" } ], \"eligibility\": { \"countries\": [\"PL\"] }"));

        var violations = PlanChecker.Check(earmarked, OraclePlan.ToResult(earmarked, Optimum()));

        Assert.Contains(violations, v => v.Contains("not eligible"));
    }

    [Fact]
    public void Check_FundingBeyondHorizon_ReportsLeadTime()
    {
        var slow = TestRequests.Parse(TestRequests.CapacityBinds.Replace("\"leadTime\": 0", "\"leadTime\": 1"));
        var plan = new OracleSolution(4, 40, 40, [new OracleFunding(0, 0, 0, 1, 4)], []);

        var violations = PlanChecker.Check(slow, OraclePlan.ToResult(slow, plan));

        Assert.Contains(violations, v => v.Contains("beyond the horizon"));
    }

    [Fact]
    public void Check_ProducerOverShare_ReportsShare()
    {
        var request = TestRequests.Parse(TestRequests.ProducerShare);
        var allCheap = new OracleSolution(10, 100, 100, [new OracleFunding(0, 0, 0, 0, 10)], [new OracleDelivery(0, 0, 0, 10)]);

        var violations = PlanChecker.Check(request, OraclePlan.ToResult(request, allCheap));

        Assert.Contains(violations, v => v.StartsWith("producer p1") && v.Contains("share"));
    }

    [Fact]
    public void Check_InconsistentRows_ReportsEachField()
    {
        var good = OraclePlan.ToResult(Tiny, Optimum());
        var a = good.Allocations[0];
        var bad = new AllocationResult
        {
            Status = good.Status,
            BaseCurrency = "EUR",
            Summary = new PlanSummary { Value = 9, MaxValue = 10, Committed = 80, Available = 100, Unallocated = 30 },
            Allocations = [new AllocationRow { Donor = a.Donor, Tranche = a.Tranche, Line = a.Line, Period = a.Period, DeliveryPeriod = 1, Amount = a.Amount, Units = 5 }, good.Allocations[1]],
            Deliveries = [new DeliveryRow { Line = "l", Need = "n", Period = 0, Units = 4, Value = 3 }, good.Deliveries[1]],
            Donors = good.Donors,
            Lines = [],
            Needs = [new NeedRow { Id = "n", DeliveredUnits = 8, OnTimeUnits = 8, ShortfallUnits = 0, Value = 8 }],
            Diagnostics = good.Diagnostics,
        };

        var violations = PlanChecker.Check(Tiny, bad);

        string[] expected =
        [
            "baseCurrency", "deliveryPeriod 1 != period + leadTime 0", "units 5 != amount / unit cost 4",
            "value 3 != ev(l,n,s) * units = 4", "summary.value", "summary.unallocated", "lines: 0 rows for 1 input items",
            "needs[0] (n).shortfallUnits", "needs[0] (n).value",
        ];
        foreach (var fragment in expected)
            Assert.Contains(violations, v => v.Contains(fragment));
    }

    [Fact]
    public void Check_WrongCategory_ReportsCategory()
    {
        var twoCategories = TestRequests.Parse(TestRequests.CapacityBinds.Replace(
            "\"needs\": [", "\"needs\": [ { \"id\": \"other\", \"category\": \"b\", \"quantity\": 10, \"priority\": 10, \"dueBy\": 1 },"));
        var plan = new OracleSolution(4, 40, 40, [new OracleFunding(0, 0, 0, 0, 4)], [new OracleDelivery(0, 0, 0, 4)]);

        var violations = PlanChecker.Check(twoCategories, OraclePlan.ToResult(twoCategories, plan));

        Assert.Contains(violations, v => v.Contains("cannot serve need category 'b'"));
    }

    /// <summary>The exact optimum of every random request must pass: the checker and the oracle agree on the spec.</summary>
    [GlpkTheory]
    [MemberData(nameof(Seeds))]
    public void Check_OraclePlanForRandomRequest_HasNoViolations(int seed)
    {
        var request = RandomRequests.Create(seed);
        var solution = GlpkOracle.Solve(request)!;
        var result = OraclePlan.ToResult(request, solution);

        var violations = PlanChecker.Check(request, result);

        Assert.True(violations.Count == 0, $"seed {seed}:\n{string.Join("\n", violations)}\n{RequestReader.Write(request)}");
        Assert.Equal(solution.Value, result.Summary.Value, 1e-9 * Math.Max(1, solution.Value));
        Assert.Equal(solution.CommittedAtExactValue, result.Summary.Committed, 1e-9 * Math.Max(1, solution.CommittedAtExactValue));
        Assert.True(solution.Committed <= solution.CommittedAtExactValue + 1e-9 * Math.Max(1, solution.Committed));
    }

    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 60));
}
