using Allocator.Solver.Backends;
using Allocator.Solver.Lp;
using Allocator.Solver.Staging;

namespace Allocator.Tests.Solver;

/// <summary>
/// <see cref="OptimalFace.Bound"/>: a later stage's bound from its multipliers on the optimal face, plus the most that
/// plans leaving the face can gain while they keep the earlier stages within the budgets their bounds leave (a
/// fractional knapsack per level). Checked here against optima computed apart, on the whole LP, by hand and by HiGHS.
/// </summary>
public class FaceBoundTests
{
    // Value: maximise 2 x1 + x2 with x1 + x2 <= 1.5, both in [0, 1]: optimum 2.5 at (1, 0.5); x1 is priced at its upper
    // bound (reduced cost 1) and the row at its upper side (multiplier 1), so the face fixes both. Money: minimise x1.
    // Holding the value at 2.5 - δ instead of its optimum, x1 can fall to 1 - δ (x2 = 0.5 + δ keeps the row at 1.5).
    internal static LpModel Model(out int x1)
    {
        var model = new LpModel();
        x1 = model.AddColumn(0, 1, value: 2, money: 1);
        var x2 = model.AddColumn(0, 1, value: 1, money: 0);
        var row = model.AddRow(double.NegativeInfinity, 1.5);
        model.AddTerm(row, x1, 1);
        model.AddTerm(row, x2, 1);
        return model;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-9)]
    [InlineData(0.25)]
    public void Bound_ValueHeldBelowItsOptimum_AddsExactlyWhatLeavingTheFaceGains(double slack)
    {
        var model = Model(out var x1);
        using var session = new HighsSession(model);
        var ladder = new StageLadder(session, model);
        var face = new OptimalFace(session, model);

        ladder.Aim(new StageObjective(0));
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));
        var (valueDuals, _) = session.Duals()!.Value;
        ladder.Hold(0, 2.5 - slack);
        face.Narrow(new StageObjective(0), ladder.Holds, valueDuals, session.Primal(), valueDuals);
        Assert.Equal(1, face.FixedCount);
        Assert.Equal(1, face.FixedRowCount);

        ladder.Aim(StageObjective.Money);
        session.Use(SolveStrategy.Warm);
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));
        Assert.Equal(1, session.Primal()[x1], 12);
        var (moneyDuals, _) = session.Duals()!.Value;
        var bound = face.Bound(StageObjective.Money, ladder.Holds, moneyDuals);

        // On the face x1 is fixed at 1; beyond it the value's budget, δ, buys δ of x1 at one unit of value each.
        Assert.Equal(1, bound.OnFace, 12);
        Assert.Equal(1 - slack, bound.Beyond, 12);
        Assert.Equal(WholeLpMoney(model, 2.5 - slack), bound.Beyond, 9);
    }

    /// <summary>The least money over every plan with value at least <paramref name="held"/>, by HiGHS on the whole LP.</summary>
    private static double WholeLpMoney(LpModel model, double held)
    {
        using var session = new HighsSession(model);
        var ladder = new StageLadder(session, model);
        ladder.Aim(new StageObjective(0));
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));
        ladder.Hold(0, held);
        ladder.Aim(StageObjective.Money);
        session.Use(SolveStrategy.DualFromScratch);
        Assert.Equal(SessionStatus.Optimal, session.Solve(null));
        var x = session.Primal();
        var money = 0.0;
        for (var j = 0; j < x.Length; j++) money += model.MoneyCoefficient(j) * x[j];
        return money;
    }
}
