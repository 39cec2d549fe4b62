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
/// LP of their own, without the rows they cannot move (Staging/RoutesLp.cs). On its optimal face the money stage's
/// bound needed multipliers scaled by 1e12 and came out 9e-6 above the money committed, which the check took as proof:
/// the bound must now be within the tolerance on both sides of the objective (StageVerdict.Passed). The face now
/// fixes the rows the value stage prices as well, and drops the value's hold there, so that the money stage's
/// multipliers stay well scaled and its bound, extended to the whole LP, proves it to 2e-10.
/// </summary>
public class NationalScaleTests
{
    private static readonly AllocationRequest National = HardScenarioGenerator.Generate(HardStructure.Named("national"), seed: 1);

    [Fact]
    public void Solve_National_ValueAndMoneyProvenByBoundsOnTheRightSide_AndThePlanPassesItsChecks()
    {
        var result = AllocationEngine.Solve(National, new SolveOptions { Explain = ExplainLevel.None });

        Assert.Equal("optimal", result.Status);
        var path = result.Diagnostics.SolvePath!;
        // On the face, with the value stage's priced rows fixed and its hold dropped there (OptimalFace.Narrow); before,
        // the hold's multiplier ran off to 1e7 and the bound could not be extended to the whole LP.
        Assert.Contains(path, step => step.StartsWith("money: highs, simplex for ", StringComparison.Ordinal)
            && step.Contains(" iterations, then dual simplex at default tolerances, on the optimal face (", StringComparison.Ordinal)
            && !step.Contains("released", StringComparison.Ordinal));
        Assert.DoesNotContain(path, step => step.Contains("failed numerically", StringComparison.Ordinal));
        var certificate = result.Diagnostics.Certificate!;
        Assert.True(certificate.Passed);
        foreach (var stage in certificate.Stages)
        {
            // Weak duality: the value's bound at or above the value, the money's at or below the money (to rounding).
            var bound = stage.Bound!.Value;
            var slack = 1e-9 * Math.Abs(stage.Objective);
            Assert.True(stage.Stage == "money" ? bound <= stage.Objective + slack : bound >= stage.Objective - slack,
                $"{stage.Stage}: bound {bound:R} on the wrong side of {stage.Objective:R}");
            Assert.True(stage.Gap < 1e-7, $"{stage.Stage}: gap {stage.Gap}");
        }
        Assert.Empty(PlanChecker.Check(National, result));
    }
}
