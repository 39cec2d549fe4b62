using Allocator.Solver.Lp;
using Allocator.Solver.Staging;
using static Allocator.Solver.Backends.HighsApi;

namespace Allocator.Solver.Backends;

/// <summary>
/// An LP in one HiGHS instance, through HiGHS's C API (<see cref="HighsApi"/>). Changing the objective and adding
/// a row keep the last basis, so each lexicographic stage starts from the previous stage's optimum.
/// </summary>
internal sealed class HighsSession : ILpSession
{
    /// <summary>
    /// Feasibility tolerances of the first solve (<see cref="SolveStrategy.Warm"/> before any basis exists),
    /// <see cref="SolveStrategy.DualFromScratch"/> and <see cref="SolveStrategy.InteriorPoint"/>: 1e-9 rather than
    /// HiGHS's 1e-7, because with its defaults a request whose unit costs span 1e-1 to 1e9 came back "optimal" with
    /// 16.67 of a value of 40 (NumericExtremesTests). Tight tolerances are not free: primal simplex warm-started at
    /// 1e-9 fails in the money stage of national-scale requests, so warm re-solves use HiGHS's defaults (see Use).
    /// </summary>
    private const double TightTolerance = 1e-9;

    private const double HighsDefaultTolerance = 1e-7;
    private const int DualSimplex = 1, PrimalSimplex = 4; // HiGHS option simplex_strategy

    private readonly IntPtr _highs;
    private readonly LpModel _model;
    private readonly int _columns;
    private readonly SiftingRule _sifting = SiftingRule.Current;
    private double[] _cost = [];
    private bool _maximize;
    private SolveStrategy _strategy;
    private double _tolerance = TightTolerance;
    private int _simplex = DualSimplex;
    private int _iterationLimit = int.MaxValue;
    private bool _wholeUnits; // a MIP from now on: its solves are HiGHS's branch and bound, never a warm simplex
    private readonly Callback _callback; // kept alive while HiGHS holds a pointer to it
    private volatile bool _interrupted;
    private int _solves;

    // The model's bounds as last set, so that changing one side of a bound need not ask HiGHS for the other.
    private double[] _rowLower = [], _rowUpper = [], _columnLower = [], _columnUpper = [];

    // Fixed columns and rows given wider bounds since the last solve, and whether they sit at the new upper bound
    // (ReleasedAt). HiGHS keeps a fixed nonbasic column at its lower bound, so a column the optimal face fixed at its
    // upper bound jumped to its lower one when the face was released, and a row fixed at its upper side sat at a lower
    // side of minus infinity: the warm solve after a released face started from a plan with 14,000 infeasibilities
    // (national re-plans, change stage) instead of the face's optimum. PlaceReleased puts them back before a warm solve.
    private readonly Dictionary<int, bool> _releasedColumns = [], _releasedRows = [];

    public HighsSession(LpModel model)
    {
        _model = model;
        _columns = model.ColumnCount;
        _callback = OnCallback;
        _highs = CreateInstance();
        try
        {
            Load(model);
            CostPerturbation = HighsCostPerturbation.Multiplier(_columns, _rowLower.Length);
            Use(SolveStrategy.Warm);
        }
        catch
        {
            Highs_destroy(_highs);
            throw;
        }
    }

    /// <summary>An empty HiGHS instance, configured as every instance of a session is: quiet, one thread, interruptible.</summary>
    private IntPtr CreateInstance()
    {
        var highs = Highs_create();
        try
        {
            // Quiet (HiGHS logs to stdout by default); one thread (a large dual simplex solve asks for two: HighsParallelDual).
            Check(Highs_setBoolOptionValue(highs, "output_flag", 0), "output_flag");
            Check(Highs_setBoolOptionValue(highs, "log_to_console", 0), "log_to_console");
            Check(Highs_setIntOptionValue(highs, "threads", 1), "threads");
            // A developer's window into the solver (bench/README.md): HiGHS's own log, appended to a file, never stdout.
            if (Environment.GetEnvironmentVariable("ALLOCATOR_HIGHS_LOG") is { Length: > 0 } log)
            {
                Check(Highs_setStringOptionValue(highs, "log_file", log), "log_file");
                Check(Highs_setBoolOptionValue(highs, "output_flag", 1), "output_flag");
            }
            Check(Highs_setCallback(highs, _callback, IntPtr.Zero), "setCallback");
            Check(Highs_startCallback(highs, CallbackSimplexInterrupt), "startCallback");
            Check(Highs_startCallback(highs, CallbackIpmInterrupt), "startCallback");
            Check(Highs_startCallback(highs, CallbackMipInterrupt), "startCallback");
            return highs;
        }
        catch
        {
            Highs_destroy(highs);
            throw;
        }
    }

    public string Backend => "highs";

    /// <summary>
    /// Sifting first for the first solve of a very wide LP (<see cref="SiftingRule"/>) or of one whose model names where
    /// to start (<see cref="LpModel.FirstSolveHint"/>); then the simplex fallbacks.
    /// </summary>
    public IReadOnlyList<SolveStrategy> Strategies =>
        _solves == 0 && !_wholeUnits && (_model.FirstSolveHint is not null || _sifting.Suits(_columns, _rowLower.Length))
            && Highs_getNumRow(_highs) == _rowLower.Length
            ? [SolveStrategy.Sifting, .. Fallbacks]
            : Fallbacks;

    private static readonly SolveStrategy[] Fallbacks =
        [SolveStrategy.Warm, SolveStrategy.DualFromScratch, SolveStrategy.InteriorPoint, SolveStrategy.DefaultTolerances];

    /// <summary>Passes the model row-wise: HiGHS's native form for rows built term by term.</summary>
    private void Load(LpModel model)
    {
        var rows = model.RowCount;
        var start = new int[rows + 1];
        for (var t = 0; t < model.TermCount; t++) start[model.Term(t).Row + 1]++;
        for (var i = 0; i < rows; i++) start[i + 1] += start[i];
        var next = (int[])start.Clone();
        var index = new int[model.TermCount];
        var value = new double[model.TermCount];
        for (var t = 0; t < model.TermCount; t++)
        {
            var (row, column, coefficient) = model.Term(t);
            var at = next[row]++;
            index[at] = column;
            value[at] = coefficient;
        }
        var cost = new double[_columns];
        var lower = new double[_columns];
        var upper = new double[_columns];
        for (var j = 0; j < _columns; j++)
        {
            lower[j] = model.ColumnLower(j);
            upper[j] = model.ColumnUpper(j);
        }
        var rowLower = new double[rows];
        var rowUpper = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            rowLower[i] = model.RowLower(i);
            rowUpper[i] = model.RowUpper(i);
        }
        Check(Highs_passLp(_highs, _columns, rows, model.TermCount, MatrixFormatRowwise, SenseMinimize, 0,
            cost, lower, upper, rowLower, rowUpper, start[..rows], index, value), "passLp");
        (_rowLower, _rowUpper, _columnLower, _columnUpper) = (rowLower, rowUpper, lower, upper);
    }

    public void Use(SolveStrategy strategy)
    {
        _strategy = strategy;
        // Every strategy but Warm (and Sifting, which comes before any basis) drops the basis: whatever made the warm
        // solve fail is not inherited.
        if (strategy is not (SolveStrategy.Warm or SolveStrategy.Sifting))
        {
            Check(Highs_clearSolver(_highs), "clearSolver");
            _releasedColumns.Clear();
            _releasedRows.Clear();
        }
        // A warm re-solve (the money stage, a later urgency tier) runs at HiGHS's own tolerances: the staged solve checks
        // its point at 1e-7 anyway (StageCheck), and at 1e-9 primal simplex ends "unknown" on national-scale money
        // stages after 7 s, leaving 45 s of fallbacks (`allocator generate --structure national`: money stage 50 s
        // at 1e-9, 6.3 s at 1e-7, the same plan). The first solve keeps 1e-9 (see TightTolerance).
        var warmResolve = strategy == SolveStrategy.Warm && _solves > 0;
        var tolerance = strategy == SolveStrategy.DefaultTolerances || warmResolve ? HighsDefaultTolerance : TightTolerance;
        Check(Highs_setDoubleOptionValue(_highs, "primal_feasibility_tolerance", tolerance), "primal_feasibility_tolerance");
        Check(Highs_setDoubleOptionValue(_highs, "dual_feasibility_tolerance", tolerance), "dual_feasibility_tolerance");
        Check(Highs_setStringOptionValue(_highs, "solver", strategy == SolveStrategy.InteriorPoint ? "ipm" : "simplex"), "solver");
        Check(Highs_setStringOptionValue(_highs, "run_crossover", "on"), "run_crossover");
        // Warm, after the first solve: the previous stage's optimum is feasible for the next stage (its hold row is
        // met with equality), so primal simplex goes on from there. Dual simplex would first restore dual
        // feasibility under the new costs and takes longer than a cold solve (preset L, money stage: 9,554
        // iterations and 2.5 s dual, 0.04 s primal; XL: 82 s cold through OR-Tools, 0.74 s here).
        var simplex = warmResolve ? PrimalSimplex : DualSimplex;
        Check(Highs_setIntOptionValue(_highs, "simplex_strategy", simplex), "simplex_strategy");
        (_tolerance, _simplex) = (tolerance, simplex);
    }

    public void SetObjective(Func<int, double> coefficients, bool maximize)
    {
        if (_columns == 0) return;
        var cost = new double[_columns];
        for (var j = 0; j < _columns; j++) cost[j] = coefficients(j);
        (_cost, _maximize) = (cost, maximize);
        Check(Highs_changeColsCostByRange(_highs, 0, _columns - 1, cost), "changeColsCostByRange");
        Check(Highs_changeObjectiveSense(_highs, maximize ? SenseMaximize : SenseMinimize), "changeObjectiveSense");
    }

    public SessionStatus Solve(TimeSpan? timeLimit)
    {
        if (ModelFiles.Prefix is { } prefix) Highs_writeModel(_highs, ModelFiles.NextLp(prefix));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SolveDetail = null;
        if (_strategy == SolveStrategy.Warm) PlaceReleased();
        if (_strategy == SolveStrategy.Sifting && Sift(timeLimit) is { } stopped) return stopped;
        var left = timeLimit - clock.Elapsed;
        if (left <= TimeSpan.Zero) return SessionStatus.StoppedWithoutPlan;
        // A warm re-solve on an optimal face runs without the fixed columns first (HighsFixedColumns), and the whole LP
        // then starts from the basis it ended with: at once optimal, or stopped where the copy stopped.
        var reduced = _strategy == SolveStrategy.Warm && _solves > 0 && !_wholeUnits ? WithoutFixedColumns(left) : null;
        left = timeLimit - clock.Elapsed;
        if (left <= TimeSpan.Zero) left = TimeSpan.Zero;
        Check(Highs_setDoubleOptionValue(_highs, "time_limit", left?.TotalSeconds ?? double.PositiveInfinity), "time_limit");
        // The copy's iterations count against this solve's limit: a copy that stopped leaves none.
        if (reduced is not null)
            Check(Highs_setIntOptionValue(_highs, "simplex_iteration_limit", reduced.Stopped ? 0 : Math.Max(0, _iterationLimit - reduced.Iterations)), "simplex_iteration_limit");
        // A dual simplex solve of a large LP runs HiGHS's parallel variant on two threads: the same iterations and
        // point, in less time (HighsParallelDual). Not a MIP's branch and bound, nor interior point.
        var parallel = ParallelDual && _simplex == DualSimplex && _strategy != SolveStrategy.InteriorPoint && !_wholeUnits
            && HighsParallelDual.Suits(_rowLower.Length);
        if (parallel) ParallelDualSolves++;
        var run = parallel ? HighsParallelDual.Run(_highs, _simplex) : Highs_run(_highs);
        if (reduced is not null) Check(Highs_setIntOptionValue(_highs, "simplex_iteration_limit", _iterationLimit), "simplex_iteration_limit");
        _solves++;
        if (Highs_getIntInfoValue(_highs, "simplex_iteration_count", out var iterations) == 0) Iterations += iterations;
        var model = Highs_getModelStatus(_highs);
        if (run == StatusError && model != ModelStatusInfeasible) return SessionStatus.Failed;
        return model switch
        {
            ModelStatusOptimal or ModelStatusModelEmpty => SessionStatus.Optimal,
            ModelStatusInfeasible => SessionStatus.Infeasible,
            ModelStatusUnbounded or ModelStatusUnboundedOrInfeasible => SessionStatus.Unbounded,
            ModelStatusTimeLimit or ModelStatusIterationLimit or ModelStatusInterrupt =>
                Highs_getIntInfoValue(_highs, "primal_solution_status", out var primal) == 0 && primal == SolutionStatusFeasible
                    ? SessionStatus.StoppedWithPlan
                    : SessionStatus.StoppedWithoutPlan,
            _ => SessionStatus.Failed,
        };
    }

    /// <summary>
    /// Solves the LP without its fixed nonbasic columns in a second instance (<see cref="HighsFixedColumns"/>) and loads
    /// the basis it ends with into this one; null (nothing loaded) when too few columns are fixed or the copy failed.
    /// </summary>
    private HighsFixedColumns.Result? WithoutFixedColumns(TimeSpan? timeLimit)
    {
        HighsFixedColumns.Result? result;
        try
        {
            result = HighsFixedColumns.Solve(_highs, _columns, _maximize, CreateInstance, copy =>
            {
                Check(Highs_setDoubleOptionValue(copy, "primal_feasibility_tolerance", _tolerance), "primal_feasibility_tolerance");
                Check(Highs_setDoubleOptionValue(copy, "dual_feasibility_tolerance", _tolerance), "dual_feasibility_tolerance");
                Check(Highs_setIntOptionValue(copy, "simplex_strategy", _simplex), "simplex_strategy");
                Check(Highs_setIntOptionValue(copy, "simplex_iteration_limit", _iterationLimit), "simplex_iteration_limit");
            }, timeLimit);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        // A basis HiGHS refuses leaves the one it had: the whole LP is then solved from there, as without the copy.
        if (result is null || Highs_setBasis(_highs, result.ColumnStatus, result.RowStatus) == StatusError) return null;
        SolvesWithoutFixedColumns++;
        Iterations += result.Iterations;
        return result;
    }

    /// <summary>
    /// Sifts (<see cref="HighsSifting"/>) in a second instance and loads the basis it ends with into this one, where
    /// the solve that follows confirms it on the whole LP. Null to go on with that solve (after an optimal or an
    /// abandoned sifting, which leaves no basis: the solve is then the ordinary first solve); a status to return.
    /// </summary>
    private SessionStatus? Sift(TimeSpan? timeLimit)
    {
        // Built for this solve only: no later stage sifts.
        var hint = _model.FirstSolveHint;
        var sifting = new HighsSifting(new ColumnMatrix(_model), _cost, _maximize, _columnLower, _columnUpper, _rowLower, _rowUpper,
            hint is null ? _sifting : SiftingRule.Hinted, hint);
        HighsSifting.Result result;
        try
        {
            result = sifting.Solve(CreateInstance, (highs, warm) =>
            {
                Check(Highs_setDoubleOptionValue(highs, "primal_feasibility_tolerance", TightTolerance), "primal_feasibility_tolerance");
                Check(Highs_setDoubleOptionValue(highs, "dual_feasibility_tolerance", TightTolerance), "dual_feasibility_tolerance");
                // A round after the first goes on from a primal feasible basis (the new columns sit at zero): primal simplex.
                Check(Highs_setIntOptionValue(highs, "simplex_strategy", warm ? PrimalSimplex : DualSimplex), "simplex_strategy");
            }, TightTolerance, timeLimit);
        }
        catch (InvalidOperationException e)
        {
            result = new HighsSifting.Result(HighsSifting.Ending.Abandoned, null, null, 0, 0, 0, e.Message);
        }
        Iterations += result.Iterations;
        switch (result.Ending)
        {
            case HighsSifting.Ending.Stopped:
                SolveDetail = $"stopped in round {result.Rounds}";
                return SessionStatus.StoppedWithoutPlan;
            case HighsSifting.Ending.Abandoned:
                SolveDetail = $"abandoned ({result.Why}), then the whole LP";
                return null;
            default:
                var rounds = $"{result.Rounds} round{(result.Rounds == 1 ? "" : "s")}";
                // With a hint, the columns in the working set at the end that are the hint's candidates (every other is in).
                SolveDetail = hint is null
                    ? $"{rounds}, {result.Columns:N0} of {_columns:N0} columns"
                    : $"from {hint.What}, {rounds}, {result.Columns - (_columns - hint.Candidates.Length):N0} of {hint.Candidates.Length:N0} in the end";
                Check(Highs_setBasis(_highs, result.ColumnStatus!, result.RowStatus!), "setBasis");
                return null;
        }
    }

    public string? SolveDetail { get; private set; }

    public bool KeepsPointOnFailure => true;

    public long? Iterations { get; private set; } = 0;

    /// <summary>Whether a large dual simplex solve may run in parallel (<see cref="HighsParallelDual"/>); the tests turn it off to compare.</summary>
    internal bool ParallelDual { get; set; } = true;

    /// <summary>
    /// How much dual simplex perturbs the costs (<see cref="HighsCostPerturbation"/>): less on a wide LP. Settable so that
    /// the tests can compare with HiGHS's default.
    /// </summary>
    internal double CostPerturbation
    {
        get => _costPerturbation;
        set
        {
            Check(Highs_setDoubleOptionValue(_highs, "dual_simplex_cost_perturbation_multiplier", value), "dual_simplex_cost_perturbation_multiplier");
            _costPerturbation = value;
        }
    }

    private double _costPerturbation = 1.0;

    /// <summary>How many solves ran HiGHS's parallel dual simplex (<see cref="HighsParallelDual"/>), for the tests.</summary>
    internal int ParallelDualSolves { get; private set; }

    /// <summary>How many solves ran without the fixed columns first (<see cref="HighsFixedColumns"/>), for the tests.</summary>
    internal int SolvesWithoutFixedColumns { get; private set; }

    public void LimitIterations(long? iterations)
    {
        _iterationLimit = (int)Math.Min(iterations ?? int.MaxValue, int.MaxValue);
        Check(Highs_setIntOptionValue(_highs, "simplex_iteration_limit", _iterationLimit), "simplex_iteration_limit");
    }

    public double[] Primal()
    {
        var rows = Highs_getNumRow(_highs);
        var x = new double[_columns];
        Check(Highs_getSolution(_highs, x, new double[_columns], new double[rows], new double[rows]), "getSolution");
        return x;
    }

    public double Objective() => Highs_getObjectiveValue(_highs);

    public (double[] RowDuals, double[] ReducedCosts)? Duals()
    {
        var rows = Highs_getNumRow(_highs);
        var rowDuals = new double[rows];
        var reducedCosts = new double[_columns];
        Check(Highs_getSolution(_highs, new double[_columns], reducedCosts, new double[rows], rowDuals), "getSolution");
        return (rowDuals, reducedCosts);
    }

    public int[]? BasicVariables()
    {
        var basic = new int[Highs_getNumRow(_highs)];
        return Highs_getBasicVariables(_highs, basic) == StatusError ? null : basic;
    }

    public double[]? BasisTransposeSolve(double[] rhs)
    {
        var solution = new double[rhs.Length];
        return Highs_getBasisTransposeSolve(_highs, rhs, solution, IntPtr.Zero, IntPtr.Zero) == StatusError ? null : solution;
    }

    public int AddAtLeastRow(Func<int, double> coefficients, double lower)
    {
        var index = new List<int>();
        var value = new List<double>();
        for (var j = 0; j < _columns; j++)
        {
            var c = coefficients(j);
            if (c == 0) continue;
            index.Add(j);
            value.Add(c);
        }
        Check(Highs_addRow(_highs, lower, double.PositiveInfinity, index.Count, [.. index], [.. value]), "addRow");
        return Highs_getNumRow(_highs) - 1;
    }

    public void SetRowLower(int row, double lower) =>
        Check(Highs_changeRowBounds(_highs, row, lower, double.PositiveInfinity), "changeRowBounds");

    public double RowUpper(int row) => row < _rowUpper.Length ? _rowUpper[row] : double.PositiveInfinity;

    public void SetRowUpper(int row, double upper) => SetRowBounds(row, _rowLower[row], upper);

    public void SetRowBounds(int row, double lower, double upper)
    {
        ReleasedAt(_releasedRows, row, _rowLower[row], _rowUpper[row], lower, upper);
        Check(Highs_changeRowBounds(_highs, row, lower, upper), "changeRowBounds");
        (_rowLower[row], _rowUpper[row]) = (lower, upper);
    }

    public double ColumnUpper(int column) => _columnUpper[column];

    public double ColumnLower(int column) => _columnLower[column];

    public void SetColumnBounds(int column, double lower, double upper)
    {
        ReleasedAt(_releasedColumns, column, _columnLower[column], _columnUpper[column], lower, upper);
        Check(Highs_changeColBounds(_highs, column, lower, upper), "changeColBounds");
        (_columnLower[column], _columnUpper[column]) = (lower, upper);
    }

    /// <summary>Notes whether a fixed column or row given wider bounds sits at the new upper one (see <see cref="_releasedColumns"/>).</summary>
    private static void ReleasedAt(Dictionary<int, bool> released, int index, double oldLower, double oldUpper, double lower, double upper)
    {
        if (lower == upper)
            released.Remove(index); // fixed again before a solve: nothing to put back
        else if (oldLower == oldUpper && (oldUpper == upper || oldLower == lower))
            released[index] = oldUpper == upper && oldLower != lower;
    }

    /// <summary>Puts every released nonbasic column and row at the bound its value is at (<see cref="_releasedColumns"/>).</summary>
    private void PlaceReleased()
    {
        if (_releasedColumns.Count == 0 && _releasedRows.Count == 0) return;
        var columnStatus = new int[_columns];
        var rowStatus = new int[Highs_getNumRow(_highs)];
        // HiGHS's info (basis_validity among it) is invalid after a bound change; an instance without a basis hands
        // back one of slacks, where nothing released is nonbasic at a bound of its own.
        if (Highs_getBasis(_highs, columnStatus, rowStatus) != StatusError)
        {
            foreach (var (j, atUpper) in _releasedColumns)
                if (columnStatus[j] != BasisStatusBasic) columnStatus[j] = atUpper ? BasisStatusUpper : BasisStatusLower;
            foreach (var (i, atUpper) in _releasedRows)
                if (rowStatus[i] != BasisStatusBasic) rowStatus[i] = atUpper ? BasisStatusUpper : BasisStatusLower;
            // A basis HiGHS refuses leaves it with the one it had: the warm solve then starts as it did before.
            Highs_setBasis(_highs, columnStatus, rowStatus);
        }
        _releasedColumns.Clear();
        _releasedRows.Clear();
    }

    public void SetColumnUpper(int column, double upper)
    {
        Check(Highs_changeColBounds(_highs, column, _columnLower[column], upper), "changeColBounds");
        _columnUpper[column] = upper;
    }

    /// <summary>
    /// Contract 1.1: declares the model's whole-unit columns (<see cref="LpModel.WholeUnits"/>) integer, semi-integer or
    /// semi-continuous with their MIP bounds, so that the next solves are HiGHS's MIP; for a semi kind HiGHS reads the
    /// column's lower bound as "0, or at least this".
    /// </summary>
    public void UseWholeUnits(IReadOnlyList<WholeUnitColumn> columns)
    {
        _wholeUnits = columns.Count > 0;
        foreach (var c in columns)
        {
            var semi = c.SemiLower > 0;
            var kind = c.Integer ? semi ? VarTypeSemiInteger : VarTypeInteger : semi ? VarTypeSemiContinuous : VarTypeContinuous;
            Check(Highs_changeColBounds(_highs, c.Column, semi ? c.SemiLower : 0, c.MipUpper), "changeColBounds");
            Check(Highs_changeColIntegrality(_highs, c.Column, kind), "changeColIntegrality");
            (_columnLower[c.Column], _columnUpper[c.Column]) = (semi ? c.SemiLower : 0, c.MipUpper);
        }
    }

    /// <summary>The MIP's stopping gaps: relative (HiGHS's <c>mip_rel_gap</c>) and absolute, in the objective's units.</summary>
    public void SetMipGaps(double relative, double absolute)
    {
        Check(Highs_setDoubleOptionValue(_highs, "mip_rel_gap", relative), "mip_rel_gap");
        Check(Highs_setDoubleOptionValue(_highs, "mip_abs_gap", absolute), "mip_abs_gap");
    }

    /// <summary>Gives the next MIP solve <paramref name="x"/> as its first incumbent (the previous stage's plan).</summary>
    public void SetStart(double[] x) => Check(Highs_setSolution(_highs, x, null, null, null), "setSolution");

    /// <summary>The last MIP solve's dual bound (the best objective any plan could reach), in the objective's units.</summary>
    public double MipDualBound() =>
        Highs_getDoubleInfoValue(_highs, "mip_dual_bound", out var bound) == StatusError ? double.NaN : bound;

    /// <summary>The last MIP solve's relative gap between its plan and its bound, as HiGHS measures it.</summary>
    public double MipGap() =>
        Highs_getDoubleInfoValue(_highs, "mip_gap", out var gap) == StatusError ? double.NaN : gap;

    /// <summary>Stops the running solve and every later one: the session is abandoned once interrupted.</summary>
    public void Interrupt() => _interrupted = true;

    /// <summary>HiGHS asks at every simplex (or IPM) iteration whether to stop: the first field of its data-in is <c>user_interrupt</c>.</summary>
    private void OnCallback(int type, IntPtr message, IntPtr dataOut, IntPtr dataIn, IntPtr userData)
    {
        if (_interrupted && dataIn != IntPtr.Zero && type is CallbackSimplexInterrupt or CallbackIpmInterrupt or CallbackMipInterrupt)
            System.Runtime.InteropServices.Marshal.WriteInt32(dataIn, 1);
    }

    public void Dispose()
    {
        Highs_destroy(_highs);
        GC.KeepAlive(_callback);
    }
}
