using System.Diagnostics;
using Allocator.Solver.Backends;
using Allocator.Solver.Lp;
using Google.OrTools.LinearSolver;
using OrSolver = Google.OrTools.LinearSolver.Solver;

namespace Allocator.Solver.Explanations;

/// <summary>
/// A GLOP solver of its own holding an <see cref="LpModel"/> for the explanations: row <c>i</c> of the model is
/// <see cref="Rows"/>[i], column <c>j</c> is <see cref="Variables"/>[j], and <see cref="Holds"/> are the rows that hold
/// each value stage at its optimum (one per stage solved so far, with the optimum). GLOP because its duals are
/// correct (OR-Tools 9.15's HiGHS interface returns row activities as duals) and because it re-solves warm after a
/// bound change.
/// </summary>
internal sealed class GlopSession : IDisposable
{
    /// <summary>
    /// Presolve off: it would rebuild the problem on every re-solve and lose the warm basis (measured on the M
    /// preset: 23 ms instead of 90 ms a probe, and a faster first solve too).
    /// </summary>
    private const string Parameters = "use_preprocessing:false";

    private GlopSession(OrSolver solver, Variable[] variables, Constraint[] rows)
    {
        Solver = solver;
        Variables = variables;
        Rows = rows;
    }

    public OrSolver Solver { get; }
    public Variable[] Variables { get; }
    public Constraint[] Rows { get; }
    public List<(Constraint Row, double Best)> Holds { get; } = [];

    /// <summary>Loads <paramref name="model"/> into a new GLOP solver.</summary>
    public static GlopSession Load(LpModel model)
    {
        var solver = OrSolver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available in this build of OR-Tools");
        solver.SuppressOutput();
        // A speed setting only: the optimum and its duals are the same without it, so a refusal changes nothing.
        solver.SetSolverSpecificParametersAsString(Parameters);
        var (variables, rows) = ModelLoader.Load(solver, model);
        return new GlopSession(solver, variables, rows);
    }

    public void Dispose() => Solver.Dispose();
}


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
    private readonly GlopSession _session;
    private readonly LpModel _model;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan? _deadline;
    private readonly CancellationToken _cancellation;

    public StageOneProbe(GlopSession session, LpModel model, double? timeLimitSeconds, CancellationToken cancellationToken)
    {
        _session = session;
        _model = model;
        _deadline = timeLimitSeconds is { } s && s < 365 * 86400.0 ? TimeSpan.FromSeconds(s) : null; // a year or more is no limit (1.8e308 overflowed TimeSpan)
        _cancellation = cancellationToken;
    }

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
        for (var i = 0; i < _session.Holds.Count; i++)
            _session.Holds[i].Row.SetLb(i < stage ? _session.Holds[i].Best : double.NegativeInfinity);

        var objective = _session.Solver.Objective();
        for (var j = 0; j < _session.Variables.Length; j++)
            objective.SetCoefficient(_session.Variables[j], _model.ValueCoefficient(j, stage));
        objective.SetMaximization();
        var status = Run();
        if (status == OrSolver.ResultStatus.INFEASIBLE && stage > 0)
        {
            RelaxHolds(stage);
            status = Run();
        }
        if (status != OrSolver.ResultStatus.OPTIMAL) return null;
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
        if (!HoldStagesBefore(_model.StageCount)) return null;
        foreach (var (row, best) in _session.Holds) row.SetLb(best);
        var objective = _session.Solver.Objective();
        for (var j = 0; j < _session.Variables.Length; j++)
            objective.SetCoefficient(_session.Variables[j], _model.MoneyCoefficient(j));
        objective.SetMinimization();
        var status = Run();
        if (status == OrSolver.ResultStatus.INFEASIBLE)
        {
            RelaxHolds(_session.Holds.Count);
            status = Run();
        }
        return status == OrSolver.ResultStatus.OPTIMAL ? Snapshot(-1) : null;
    }

    /// <summary>
    /// Adds a hold row for every value stage before <paramref name="stage"/> that has none yet. The stage solved last
    /// (the previous one, probed since) needs no second solve: its optimum is known. A fresh session solves the
    /// earlier stages first. False when one of them does not reach an optimum.
    /// </summary>
    private bool HoldStagesBefore(int stage)
    {
        while (_session.Holds.Count < stage)
        {
            var next = _session.Holds.Count;
            var best = _lastOptimum is { } last && last.Stage == next ? last.Objective : Solve(next)?.Objective;
            if (best is not { } value) return false;
            AddHold(next, value);
        }
        return true;
    }

    /// <summary>Lets the first <paramref name="count"/> held stage values fall by the lexicographic solver's fallback tolerance.</summary>
    private void RelaxHolds(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var best = _session.Holds[i].Best;
            _session.Holds[i].Row.SetLb(best - Backends.LexicographicSolver.FallbackValueTolerance * Math.Abs(best));
        }
    }

    private StageSnapshot Snapshot(int stage)
    {
        var duals = new double[_session.Rows.Length];
        for (var i = 0; i < duals.Length; i++) duals[i] = _session.Rows[i].DualValue();
        var reduced = new double[_session.Variables.Length];
        var primal = new double[_session.Variables.Length];
        for (var j = 0; j < reduced.Length; j++)
        {
            reduced[j] = _session.Variables[j].ReducedCost();
            primal[j] = _session.Variables[j].SolutionValue();
        }
        return new StageSnapshot(stage, _session.Solver.Objective().Value(), duals, reduced, primal);
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
        var rows = raise.Rows.Select(i => (_session.Rows[i], _session.Rows[i].Ub())).ToList();
        var columns = raise.Columns.Select(j => (_session.Variables[j], _session.Variables[j].Ub())).ToList();
        var objective = _session.Solver.Objective();
        var last = (Slope: double.NaN, Dual: double.NaN);
        for (var attempt = 0; attempt < 3; attempt++, step /= 100)
        {
            if (OutOfTime()) break;
            foreach (var (row, ub) in rows) row.SetUb(ub + step);
            foreach (var (column, ub) in columns) column.SetUb(ub + step);
            var status = Run();
            ProbeSolves++;
            double after = double.NaN, next = double.NaN;
            if (status == OrSolver.ResultStatus.OPTIMAL)
            {
                after = objective.Value();
                next = rows.Sum(r => r.Item1.DualValue()) + columns.Sum(c => Math.Max(0, c.Item1.ReducedCost()));
            }
            foreach (var (row, ub) in rows) row.SetUb(ub);
            foreach (var (column, ub) in columns) column.SetUb(ub);
            if (status != OrSolver.ResultStatus.OPTIMAL) break;

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

    private void AddHold(int stage, double best)
    {
        var hold = _session.Solver.MakeConstraint(best, double.PositiveInfinity, $"probe_keep_value_{stage}");
        for (var j = 0; j < _session.Variables.Length; j++)
            hold.SetCoefficient(_session.Variables[j], _model.ValueCoefficient(j, stage));
        _session.Holds.Add((hold, best));
    }

    private bool OutOfTime() => _deadline is { } d && _clock.Elapsed >= d;

    private OrSolver.ResultStatus Run()
    {
        _cancellation.ThrowIfCancellationRequested();
        if (_deadline is { } d)
        {
            var left = d - _clock.Elapsed;
            if (left <= TimeSpan.Zero) return OrSolver.ResultStatus.NOT_SOLVED;
            _session.Solver.SetTimeLimit((long)Math.Max(1, left.TotalMilliseconds));
        }
        using var interrupt = _cancellation.Register(() => _session.Solver.InterruptSolve());
        var status = _session.Solver.Solve();
        _cancellation.ThrowIfCancellationRequested();
        return status;
    }
}
