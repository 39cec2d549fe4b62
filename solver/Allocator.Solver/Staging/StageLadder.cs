using Allocator.Solver.Backends;
using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>
/// The lexicographic objective on one session: which stage's objective is set, and the rows that hold each value
/// stage already solved at its optimum. The one place where stages are held, relaxed and released, for the main
/// solve (<see cref="StagedSolver"/>) and for the explanations' probes alike.
/// </summary>
internal sealed class StageLadder(ILpSession session, LpModel model)
{
    /// <summary>
    /// How far below its optimum a later stage may let a held value fall if holding it exactly fails. The contract
    /// counts plans within 1e-7 (relative) of the optimal value as optimal, but any slack that the money stage is
    /// given it spends on saving money, which shows as 10.999999989 guns instead of 11; planners read that as an
    /// error. So a later stage first holds the value exactly (the backend's own feasibility tolerance absorbs
    /// rounding), and falls back to this slack only if the backend then declares the stage infeasible.
    /// </summary>
    public const double FallbackValueTolerance = 1e-9;

    private readonly List<StageHold> _holds = [];

    public ILpSession Session => session;

    public LpModel Model => model;

    /// <summary>The hold rows added so far, one per value stage solved, in stage order.</summary>
    public IReadOnlyList<StageHold> Holds => _holds;

    /// <summary>Sets <paramref name="objective"/> as the session's objective.</summary>
    public void Aim(StageObjective objective) =>
        session.SetObjective(j => objective.Coefficient(model, j), maximize: objective.Maximise);

    /// <summary>Holds value stage <paramref name="stage"/> at <paramref name="best"/> or more from now on.</summary>
    public void Hold(int stage, double best)
    {
        if (stage != _holds.Count) throw new InvalidOperationException($"stage {stage} held before stage {_holds.Count}");
        var row = session.AddAtLeastRow(j => model.ValueCoefficient(j, stage), best);
        _holds.Add(new StageHold(new StageObjective(stage), row, best));
    }

    /// <summary>Holds a minimised stage (money, change) at <paramref name="best"/> or less from now on, as <c>-objective &gt;= -best</c>.</summary>
    public void HoldAtMost(StageObjective objective, double best)
    {
        var row = session.AddAtLeastRow(j => -objective.Coefficient(model, j), -best);
        _holds.Add(new StageHold(objective, row, -best));
    }

    /// <summary>Holds the first <paramref name="count"/> stages at their optima and releases the others.</summary>
    public void HoldOnly(int count)
    {
        for (var i = 0; i < _holds.Count; i++) SetLower(_holds[i], i < count ? _holds[i].Best : double.NegativeInfinity);
    }

    /// <summary>Lets every held stage fall by <see cref="FallbackValueTolerance"/> (relative) below its optimum.</summary>
    public void Relax()
    {
        foreach (var hold in _holds)
            if (hold.Lower > double.NegativeInfinity)
                SetLower(hold, hold.Best - FallbackValueTolerance * Math.Abs(hold.Best));
    }

    /// <summary>Whether any stage is held (relaxing can then help a stage the backend calls infeasible).</summary>
    public bool HoldsAny => _holds.Any(h => h.Lower > double.NegativeInfinity);

    private void SetLower(StageHold hold, double lower)
    {
        session.SetRowLower(hold.Row, lower);
        hold.Lower = lower;
    }
}
