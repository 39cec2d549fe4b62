using Allocator.Models;
using Allocator.Scenarios.Hard;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// The national-scale structure with independent earmarks (<c>allocator generate --structure national</c>: 22,117 rows),
/// solved end to end with the default backend, as a planner would. Its money stage is the one that outgrows its warm
/// share (StagedSolver.WarmShare) and goes on from scratch; after that its tie rule left a budget 2.1e-7 over in
/// HiGHS's units, which the routes' stage, then solved in the main session, saw as infeasible; the routes now have an
/// LP of their own, without the rows they cannot move (Staging/RoutesLp.cs).
/// </summary>
public class NationalScaleTests
{
    private static readonly AllocationRequest National = HardScenarioGenerator.Generate(HardStructure.Named("national"), seed: 1);

    [Fact]
    public void Solve_National_EveryStageApplies_AndThePlanPassesItsChecks()
    {
        var result = AllocationEngine.Solve(National, new SolveOptions { Explain = ExplainLevel.None });

        Assert.Equal("optimal", result.Status);
        var path = result.Diagnostics.SolvePath!;
        Assert.Contains(path, step => step.StartsWith("money: highs, simplex for ", StringComparison.Ordinal)
            && step.Contains(" iterations, then dual simplex at default tolerances, on the optimal face", StringComparison.Ordinal));
        Assert.Contains(path, step => step.StartsWith("tie rule: highs, simplex, on the optimal face", StringComparison.Ordinal));
        Assert.Contains("tie rule, routes: highs, dual simplex at default tolerances", path);
        Assert.DoesNotContain(path, step => step.Contains("not applied", StringComparison.Ordinal) || step.Contains("failed", StringComparison.Ordinal));
        Assert.True(result.Diagnostics.Certificate!.Passed);
        Assert.Empty(PlanChecker.Check(National, result));
    }
}
