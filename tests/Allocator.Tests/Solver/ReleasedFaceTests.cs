using Allocator.Solver.Backends;
using Allocator.Solver.Lp;
using Allocator.Solver.Staging;

namespace Allocator.Tests.Solver;

/// <summary>
/// When the optimal face is released (OptimalFace.Release), HiGHS's warm solve must start from the face's optimum:
/// a column fixed at its upper bound, and a row fixed at its upper side, stay there when their bounds widen
/// (HighsSession.PlaceReleased). HiGHS alone puts a fixed nonbasic column at its lower bound: released, it jumped
/// there, and on national re-plans the change stage's warm solve started from a plan with 14,000 infeasibilities.
/// </summary>
public class ReleasedFaceTests
{
    // max x + y  s.t.  x + y <= 10, 0 <= x <= 4, 0 <= y <= 10: optimal at (4, 6), among others.
    private static LpModel Model()
    {
        var model = new LpModel();
        var x = model.AddColumn(0, 4, value: 1);
        var y = model.AddColumn(0, 10, value: 1);
        var row = model.AddRow(double.NegativeInfinity, 10);
        model.AddTerm(row, x, 1);
        model.AddTerm(row, y, 1);
        return model;
    }

    [Fact]
    public void WarmSolveAfterRelease_StartsAtTheFacesOptimum_NoIterations()
    {
        using var session = new HighsSession(Model());
        session.SetObjective(j => j < 2 ? 1 : 0, maximize: true);
        // The face: x fixed at its upper bound, the row at its upper side.
        session.SetColumnBounds(0, 4, 4);
        session.SetRowBounds(0, 10, 10);
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));
        Assert.Equal([4.0, 6.0], session.Primal());

        // Released: the point (4, 6) is optimal on the whole LP too, and the warm solve must find it where it is.
        session.SetColumnBounds(0, 0, 4);
        session.SetRowBounds(0, double.NegativeInfinity, 10);
        var before = session.Iterations;
        session.Use(SolveStrategy.Warm);
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));

        Assert.Equal(before, session.Iterations);
        Assert.Equal([4.0, 6.0], session.Primal());
    }

    [Fact]
    public void FixedAgainBeforeTheSolve_NothingToPutBack()
    {
        using var session = new HighsSession(Model());
        session.SetObjective(j => j < 2 ? 1 : 0, maximize: true);
        session.SetColumnBounds(0, 4, 4);
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));

        // Released and fixed again, at its lower bound this time: the solve must honour the new fixing.
        session.SetColumnBounds(0, 0, 4);
        session.SetColumnBounds(0, 0, 0);
        session.Use(SolveStrategy.Warm);
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));

        Assert.Equal([0.0, 10.0], session.Primal());
    }
}
