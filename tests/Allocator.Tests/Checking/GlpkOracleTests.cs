namespace Allocator.Tests.Checking;

/// <summary>The oracle must get hand-computed optima right before it may judge the solver.</summary>
public class GlpkOracleTests
{
    [GlpkTheory]
    [InlineData(nameof(TestRequests.CapacityBinds), 8, 80)]
    [InlineData(nameof(TestRequests.LateDecay), 3, 50)]
    [InlineData(nameof(TestRequests.ProducerShare), 15, 200)]
    [InlineData(nameof(TestRequests.EarmarksAndWindows), 6, 90)]
    public void Solve_TinyRequest_MatchesHandComputedOptimum(string name, double value, double committed)
    {
        var json = (string)typeof(TestRequests).GetField(name)!.GetValue(null)!;
        var solution = GlpkOracle.Solve(TestRequests.Parse(json))!;

        Assert.Equal(value, solution.Value, 9);
        Assert.Equal(committed, solution.CommittedAtExactValue, 9);
        // Giving up 1e-7 of the value may save at most a sliver of money.
        Assert.InRange(solution.Committed, committed * (1 - 1e-6), committed + 1e-9);
    }

    [GlpkFact]
    public void Solve_NothingCanBeDelivered_ReturnsEmptyPlan()
    {
        // The only line's lead time reaches beyond the horizon, so no money may be committed.
        var request = TestRequests.Parse(TestRequests.CapacityBinds.Replace("\"leadTime\": 0", "\"leadTime\": 2"));

        var solution = GlpkOracle.Solve(request)!;

        Assert.Equal(0, solution.Value);
        Assert.Equal(0, solution.Committed);
        Assert.Empty(solution.Fundings);
    }

    [GlpkFact]
    public void Solve_EarmarksAndWindows_PlanUsesOnlyAllowedFunding()
    {
        var solution = GlpkOracle.Solve(TestRequests.Parse(TestRequests.EarmarksAndWindows))!;

        // d2 (index 1) buys the cheap line (index 0) in period 0 only; d1 never buys it.
        Assert.All(solution.Fundings.Where(f => f.Line == 0), f => Assert.Equal((1, 0), (f.Donor, f.Period)));
        Assert.Equal(3, solution.Fundings.Where(f => f.Line == 0).Sum(f => f.Units), 9);
    }
}
