using Allocator.Solver.Backends;
using Allocator.Solver.Lp;
using Allocator.Solver.Staging;

namespace Allocator.Tests.Solver;

/// <summary>
/// <see cref="WarmStart"/>: how many dual infeasibilities the next stage's objective has at the last basis, which decides
/// whether the money stage is tried warm (docs/model.md, "The stages"). Counted here against the reduced costs worked
/// out by hand for a basis that is the only one the LP allows.
/// </summary>
public class WarmStartTests
{
    // Maximise 2 x1 + x2 (+ 0 x3) with x1 + x2 <= 1.5, every column in [0, 1]: the only optimal basis has x1 at its
    // upper bound, x2 basic at 0.5 (the row's multiplier is then x2's cost) and x3, in no row, at 0.
    private static LpModel Model(double money1, double money2, double money3)
    {
        var model = new LpModel();
        var x1 = model.AddColumn(0, 1, value: 2, money: money1);
        var x2 = model.AddColumn(0, 1, value: 1, money: money2);
        model.AddColumn(0, 1, value: 0, money: money3);
        var row = model.AddRow(double.NegativeInfinity, 1.5);
        model.AddTerm(row, x1, 1);
        model.AddTerm(row, x2, 1);
        return model;
    }

    [Theory]
    // Money's multiplier on the row is x2's money, so x1's reduced cost is money1 - money2: positive, the minimised money
    // wants x1 down from its upper bound; x3's is its own money: negative, it wants x3 up from 0.
    [InlineData(3, 1, 0, 1)]
    [InlineData(1, 3, 0, 0)]
    [InlineData(3, 1, -1, 2)]
    [InlineData(1, 3, -1, 1)]
    [InlineData(1, 1, 2, 0)]
    public void DualInfeasibilities_MoneyAtTheValueStagesBasis_CountsTheColumnsItWantsToMove(double money1, double money2, double money3, int expected)
    {
        var model = Model(money1, money2, money3);
        using var session = new HighsSession(model);
        var ladder = new StageLadder(session, model);
        ladder.Aim(new StageObjective(0));
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));
        // As the staged solve asks: the value held (a row whose logical is basic), the money aimed at.
        ladder.Hold(0, 2.5);
        ladder.Aim(StageObjective.Money);

        Assert.Equal(expected, WarmStart.DualInfeasibilities(session, model, ladder.Holds, StageObjective.Money));
    }

    [Fact]
    public void DualInfeasibilities_TheObjectiveJustSolved_IsNone()
    {
        var model = Model(3, 1, -1);
        using var session = new HighsSession(model);
        var ladder = new StageLadder(session, model);
        ladder.Aim(new StageObjective(0));
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));

        Assert.Equal(0, WarmStart.DualInfeasibilities(session, model, ladder.Holds, new StageObjective(0)));
    }

    [Fact]
    public void DualInfeasibilities_ABackendWithoutABasis_IsUnknown()
    {
        var model = Model(3, 1, -1);
        using var session = LpSessions.Open(model, "glop");
        var ladder = new StageLadder(session, model);
        ladder.Aim(new StageObjective(0));
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));

        Assert.Null(WarmStart.DualInfeasibilities(session, model, ladder.Holds, StageObjective.Money));
    }
}
