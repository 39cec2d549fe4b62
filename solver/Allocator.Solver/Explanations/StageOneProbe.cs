using System.Diagnostics;
using Allocator.Solver.Backends;
using Allocator.Solver.Lp;
using Allocator.Solver.Staging;

namespace Allocator.Solver.Explanations;

/// <summary>
/// Bounds raised together by the same amount: the upper bounds of some rows and some columns. A tranche's budget is
/// its budget row plus its money columns (each bounded by the budget); a need's quantity is its row plus its share
/// columns (each bounded by 1); a capacity is one unit column.
/// </summary>
internal sealed record Perturbation(int[] Rows, int[] Columns);

/// <summary>How a marginal value was obtained.</summary>
internal enum DerivativeKind
{
    /// <summary>From the optimal basis' duals; a re-solve confirmed it, or none was needed (it is 0, or the probe budget was spent).</summary>
    Dual,

    /// <summary>The basis' dual overstated the gain (a degenerate LP): a warm re-solve with the bound raised measured the right-derivative.</summary>
    RightDerivative,
}

/// <summary>A marginal value in LP units and how it was obtained.</summary>
/// <param name="Value">Gain of the stage's objective per LP unit of the raised bounds.</param>
/// <param name="Kind">Dual, or measured right-derivative.</param>
/// <param name="Probed">Whether a re-solve checked it.</param>
internal readonly record struct Sensitivity(double Value, DerivativeKind Kind, bool Probed);

/// <summary>
/// Marginal values of the value stage(s) of the allocation LP, from GLOP's duals and reduced costs (GLOP's are
/// correct; OR-Tools 9.15's HiGHS interface returns row activities as duals, so duals are always taken from GLOP).
/// <para>
/// For a maximisation GLOP reports <c>dual = d objective / d row bound</c> and <c>reduced cost = c_j - a_j' y</c>, the
/// gain per unit of a column's bound when the column sits at that bound (checked on a toy in DualConventionTests: maximise
/// 3x + 4y, x + 2y &lt;= 14, x, y in [0, 10] gives dual 2, reduced cost of x 1).
/// </para>
/// <para>
/// In a degenerate LP the dual is not unique and the basis' dual may be the value of <em>removing</em> a unit (the
/// left-derivative) rather than of adding one. <see cref="RightDerivative"/> measures the value of adding: it raises
/// the bounds by a small step, re-solves warm (GLOP keeps its basis across bound changes), and reads the dual of the
/// new optimum, which lies strictly inside the next linear piece of the optimal-value function and is therefore
/// unique; the objective's change over the step confirms that the step did not cross a breakpoint. Bounds are
/// restored after each probe.
/// </para>
/// </summary>
internal sealed class StageOneProbe
{
    private readonly StageLadder _ladder;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan? _deadline;
    private readonly CancellationToken _cancellation;

    /// <param name="session">A GLOP session of the explanations' own (<see cref="LpSessions.Open"/> with probing on):
    /// GLOP because its duals are correct (OR-Tools 9.15's HiGHS interface returns row activities as duals) and because
    /// it re-solves warm after a bound change.</param>
    /// <param name="model">The LP loaded in <paramref name="session"/>.</param>
    /// <param name="timeLimitSeconds">Wall-clock limit for every solve and probe together, or null.</param>
    /// <param name="cancellationToken">Interrupts the solver.</param>
    public StageOneProbe(ILpSession session, LpModel model, double? timeLimitSeconds, CancellationToken cancellationToken)
    {
        _ladder = new StageLadder(session, model);
        _deadline = timeLimitSeconds is { } s && s < 365 * 86400.0 ? TimeSpan.FromSeconds(s) : null; // a year or more is no limit (1.8e308 overflowed TimeSpan)
        _cancellation = cancellationToken;
    }

    private ILpSession Session => _ladder.Session;

    /// <summary>The value stage last solved to optimality and its optimum (the value its hold row keeps).</summary>
    private (int Stage, double Objective)? _lastOptimum;

    /// <summary>Warm re-solves done by <see cref="RightDerivative"/>, for diagnostics.</summary>
    public int ProbeSolves { get; private set; }

    /// <summary>
    /// Maximises value stage <paramref name="stage"/> with the stages before it held at their optima (solving them first
    /// when this session has not), and later stages released. Null when GLOP does not reach an optimum (time limit).
    /// </summary>
    public StageSnapshot? Solve(int stage)
    {
        if (!HoldStagesBefore(stage)) return null;
        _ladder.HoldOnly(stage);
        _ladder.Aim(new StageObjective(stage));
        var status = Run();
        if (status == SessionStatus.Infeasible && stage > 0)
        {
            _ladder.Relax();
            status = Run();
        }
        if (status != SessionStatus.Optimal) return null;
        var snapshot = Snapshot(stage);
        _lastOptimum = (stage, snapshot.Objective);
        return snapshot;
    }

    /// <summary>
    /// Solves the money stage (minimise money, every value stage held at its optimum, solving the value stages first
    /// when this session has not) and reads its duals. Null when GLOP does not reach an optimum.
    /// </summary>
    public StageSnapshot? MoneyStage()
    {
        if (!HoldStagesBefore(_ladder.Model.StageCount)) return null;
        _ladder.HoldOnly(_ladder.Holds.Count);
        _ladder.Aim(StageObjective.Money);
        var status = Run();
        if (status == SessionStatus.Infeasible)
        {
            _ladder.Relax();
            status = Run();
        }
        return status == SessionStatus.Optimal ? Snapshot(-1) : null;
    }

    /// <summary>
    /// Adds a hold row for every value stage before <paramref name="stage"/> that has none yet. The stage solved last
    /// (the previous one, probed since) needs no second solve: its optimum is known. A fresh session solves the
    /// earlier stages first. False when one of them does not reach an optimum.
    /// </summary>
    private bool HoldStagesBefore(int stage)
    {
        while (_ladder.Holds.Count < stage)
        {
            var next = _ladder.Holds.Count;
            var best = _lastOptimum is { } last && last.Stage == next ? last.Objective : Solve(next)?.Objective;
            if (best is not { } value) return false;
            _ladder.Hold(next, value);
        }
        return true;
    }

    private StageSnapshot Snapshot(int stage)
    {
        var (duals, reduced) = Session.Duals() ?? throw new InvalidOperationException($"backend '{Session.Backend}' gives no duals for the explanations");
        return new StageSnapshot(stage, Session.Objective(), duals[.._ladder.Model.RowCount], reduced, Session.Primal());
    }

    /// <summary>
    /// The gain of the stage's objective per unit of raising every bound of <paramref name="raise"/> that the current
    /// basis prices: row duals plus the reduced costs of columns at their upper bound (a column below its bound has
    /// no gain from raising it, and its reduced cost is then at most 0).
    /// </summary>
    public static double BasisDerivative(StageSnapshot snapshot, Perturbation raise)
    {
        var sum = 0.0;
        foreach (var i in raise.Rows) sum += snapshot.RowDuals[i];
        foreach (var j in raise.Columns) sum += Math.Max(0, snapshot.ReducedCosts[j]);
        return sum;
    }

    /// <summary>
    /// The value of adding: the right-derivative of the stage's optimal value when the bounds of
    /// <paramref name="raise"/> grow together, starting with a step of <paramref name="step"/> LP units. Must follow
    /// <see cref="Solve"/> for the same stage; leaves every bound as it was (the solver's basis moves on, which the
    /// next <see cref="Solve"/> or probe starts from).
    /// </summary>
    public Sensitivity RightDerivative(StageSnapshot snapshot, Perturbation raise, double step)
    {
        var dual = BasisDerivative(snapshot, raise);
        // The optimal value is concave and non-decreasing in these bounds: its right-derivative lies in [0, dual].
        if (dual <= 0) return new Sensitivity(0, DerivativeKind.Dual, false);
        var rows = raise.Rows.Select(i => (Row: i, Upper: Session.RowUpper(i))).ToList();
        var columns = raise.Columns.Select(j => (Column: j, Upper: Session.ColumnUpper(j))).ToList();
        var last = (Slope: double.NaN, Dual: double.NaN);
        for (var attempt = 0; attempt < 3; attempt++, step /= 100)
        {
            if (OutOfTime()) break;
            foreach (var (row, upper) in rows) Session.SetRowUpper(row, upper + step);
            foreach (var (column, upper) in columns) Session.SetColumnUpper(column, upper + step);
            var status = Run();
            ProbeSolves++;
            double after = double.NaN, next = double.NaN;
            if (status == SessionStatus.Optimal && Session.Duals() is var (rowDuals, reducedCosts))
            {
                after = Session.Objective();
                next = rows.Sum(r => rowDuals[r.Row]) + columns.Sum(c => Math.Max(0, reducedCosts[c.Column]));
            }
            foreach (var (row, upper) in rows) Session.SetRowUpper(row, upper);
            foreach (var (column, upper) in columns) Session.SetColumnUpper(column, upper);
            if (status != SessionStatus.Optimal) break;

            var slope = (after - snapshot.Objective) / step;
            last = (slope, next);
            // Same dual on the far side of the step: the dual is the derivative on both sides of it.
            if (Near(next, dual, 0)) return new Sensitivity(dual, DerivativeKind.Dual, true);
            // The objective grew at the new basis' rate over the whole step: the step stayed on the first linear
            // piece, whose slope is the right-derivative.
            var noise = 1e-8 * Math.Max(1, Math.Abs(snapshot.Objective)) / step;
            if (Near(slope, next, noise)) return new Sensitivity(Math.Max(0, next), DerivativeKind.RightDerivative, true);
            // Otherwise the step crossed a breakpoint: try a smaller one.
        }
        if (double.IsNaN(last.Slope)) return new Sensitivity(dual, DerivativeKind.Dual, false);
        // The average slope over the smallest step lies between the right-derivative and the slope after the step.
        return new Sensitivity(Math.Clamp(last.Slope, Math.Max(0, last.Dual), dual), DerivativeKind.RightDerivative, true);
    }

    private static bool Near(double a, double b, double absolute) =>
        Math.Abs(a - b) <= 1e-6 * Math.Max(Math.Abs(a), Math.Abs(b)) + absolute + 1e-12;

    private bool OutOfTime() => _deadline is { } d && _clock.Elapsed >= d;

    private SessionStatus Run()
    {
        _cancellation.ThrowIfCancellationRequested();
        TimeSpan? left = null;
        if (_deadline is { } d)
        {
            left = d - _clock.Elapsed;
            if (left <= TimeSpan.Zero) return SessionStatus.StoppedWithoutPlan;
        }
        using var interrupt = _cancellation.Register(Session.Interrupt);
        var status = Session.Solve(left);
        _cancellation.ThrowIfCancellationRequested();
        return status;
    }
}
