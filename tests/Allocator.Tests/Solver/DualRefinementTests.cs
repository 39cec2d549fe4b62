using Allocator.Solver.Backends;
using Allocator.Solver.Lp;
using Allocator.Solver.Staging;

namespace Allocator.Tests.Solver;

/// <summary>
/// <see cref="DualRefinement"/>: one step of iterative refinement of a stage's multipliers on its backend's basis, so
/// that every basic column's reduced cost is 0 to double-double precision (the value stage's budget on the optimal face
/// is the gap its multipliers leave; docs/model.md, "The optimal face").
/// </summary>
public class DualRefinementTests
{
    // FaceBoundTests' LP: maximise 2 x1 + x2 with x1 + x2 <= 1.5, both in [0, 1]. x2 is basic at 0.5, so the row's
    // multiplier is exactly 1.
    private static LpModel Model() => FaceBoundTests.Model(out _);

    [Theory]
    [InlineData(1e-13)]
    [InlineData(-3e-15)]
    [InlineData(0.0)]
    public void Refine_MultipliersOffByRounding_ComeBackExact(double noise)
    {
        var model = Model();
        using var session = new HighsSession(model);
        var ladder = new StageLadder(session, model);
        ladder.Aim(new StageObjective(0));
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));
        var (duals, _) = session.Duals()!.Value;
        Assert.Equal(1, duals[0], 12);

        var refined = DualRefinement.Refine(session, model, [], new StageObjective(0), [1 + noise]);

        Assert.Equal(1.0, refined[0]);
    }

    [Fact]
    public void Refine_AfterTheStagesHoldRowIsAdded_StillRefinesTheStagesRows()
    {
        var model = Model();
        using var session = new HighsSession(model);
        var ladder = new StageLadder(session, model);
        ladder.Aim(new StageObjective(0));
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));
        // As the staged solve does: the value held before its face is narrowed by its refined multipliers.
        ladder.Hold(0, 2.5);

        var refined = DualRefinement.Refine(session, model, [], new StageObjective(0), [1 - 1e-14]);

        Assert.Single(refined);
        Assert.Equal(1.0, refined[0]);
    }

    [Fact]
    public void Refine_WithoutABasis_GivesTheMultipliersBack()
    {
        var model = Model();
        using var session = LpSessions.Open(model, "glop");
        double[] y = [1 + 1e-13];

        Assert.Same(y, DualRefinement.Refine(session, model, [], new StageObjective(0), y));
    }
}
