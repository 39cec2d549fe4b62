using Allocator.Solver.Lp;
using OrSolver = Google.OrTools.LinearSolver.Solver;
using static Allocator.Solver.Backends.HighsApi;

namespace Allocator.Solver.Backends;

/// <summary>
/// An LP in one HiGHS instance, through HiGHS's C API (<see cref="HighsApi"/>). Changing the objective and adding
/// a row keep the last basis, so each lexicographic stage starts from the previous stage's optimum.
/// </summary>
internal sealed class HighsSession : ILpSession
{
    private readonly IntPtr _highs;
    private readonly int _columns;
    private readonly Callback _callback; // kept alive while HiGHS holds a pointer to it
    private const int PrimalSimplex = 4; // HiGHS option simplex_strategy: 1 dual (default), 4 primal

    private volatile bool _interrupted;
    private int _solves;

    public HighsSession(LpModel model)
    {
        _columns = model.ColumnCount;
        _highs = Highs_create();
        try
        {
            // Quiet (HiGHS logs to stdout by default); one thread, so results do not depend on scheduling;
            // feasibility tolerances 1e-9 rather than 1e-7 (BackendTuning says why).
            Check(Highs_setBoolOptionValue(_highs, "output_flag", 0), "output_flag");
            Check(Highs_setBoolOptionValue(_highs, "log_to_console", 0), "log_to_console");
            Check(Highs_setIntOptionValue(_highs, "threads", 1), "threads");
            Check(Highs_setDoubleOptionValue(_highs, "primal_feasibility_tolerance", 1e-9), "primal_feasibility_tolerance");
            Check(Highs_setDoubleOptionValue(_highs, "dual_feasibility_tolerance", 1e-9), "dual_feasibility_tolerance");
            Load(model);
            _callback = OnCallback;
            Check(Highs_setCallback(_highs, _callback, IntPtr.Zero), "setCallback");
            Check(Highs_startCallback(_highs, CallbackSimplexInterrupt), "startCallback");
            Check(Highs_startCallback(_highs, CallbackIpmInterrupt), "startCallback");
        }
        catch
        {
            Highs_destroy(_highs);
            throw;
        }
    }

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
    }

    public void SetObjective(Func<int, double> coefficients, bool maximize)
    {
        if (_columns == 0) return;
        var cost = new double[_columns];
        for (var j = 0; j < _columns; j++) cost[j] = coefficients(j);
        Check(Highs_changeColsCostByRange(_highs, 0, _columns - 1, cost), "changeColsCostByRange");
        Check(Highs_changeObjectiveSense(_highs, maximize ? SenseMaximize : SenseMinimize), "changeObjectiveSense");
    }

    public OrSolver.ResultStatus Solve(TimeSpan? timeLimit)
    {
        Check(Highs_setDoubleOptionValue(_highs, "time_limit", timeLimit?.TotalSeconds ?? double.PositiveInfinity), "time_limit");
        // Every solve after the first starts from the previous stage's optimum, which is feasible for the new
        // stage (its hold row is met with equality): primal simplex goes on from there. HiGHS's default, dual
        // simplex, has to restore dual feasibility under the new costs first and takes longer than a cold solve
        // (preset L, money stage: 9,554 iterations and 2.5 s dual, 0.04 s primal; XL: 82 s cold through OR-Tools,
        // 0.74 s here). Same optimum either way (tested against GLPK and the other backends).
        if (_solves++ == 1)
            Check(Highs_setIntOptionValue(_highs, "simplex_strategy", PrimalSimplex), "simplex_strategy");
        if (Highs_run(_highs) == StatusError && Highs_getModelStatus(_highs) != ModelStatusInfeasible)
            return OrSolver.ResultStatus.ABNORMAL;
        return Highs_getModelStatus(_highs) switch
        {
            ModelStatusOptimal or ModelStatusModelEmpty => OrSolver.ResultStatus.OPTIMAL,
            ModelStatusInfeasible => OrSolver.ResultStatus.INFEASIBLE,
            ModelStatusUnbounded or ModelStatusUnboundedOrInfeasible => OrSolver.ResultStatus.UNBOUNDED,
            ModelStatusTimeLimit or ModelStatusIterationLimit or ModelStatusInterrupt =>
                Highs_getIntInfoValue(_highs, "primal_solution_status", out var primal) == 0 && primal == SolutionStatusFeasible
                    ? OrSolver.ResultStatus.FEASIBLE
                    : OrSolver.ResultStatus.NOT_SOLVED,
            _ => OrSolver.ResultStatus.ABNORMAL,
        };
    }

    public double[] Primal()
    {
        var rows = Highs_getNumRow(_highs);
        var x = new double[_columns];
        Check(Highs_getSolution(_highs, x, new double[_columns], new double[rows], new double[rows]), "getSolution");
        return x;
    }

    public (double[] RowDuals, double[] ReducedCosts)? Duals()
    {
        var rows = Highs_getNumRow(_highs);
        var rowDuals = new double[rows];
        var reducedCosts = new double[_columns];
        Check(Highs_getSolution(_highs, new double[_columns], reducedCosts, new double[rows], rowDuals), "getSolution");
        return (rowDuals, reducedCosts);
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

    /// <summary>Stops the running solve and every later one: the session is abandoned once interrupted.</summary>
    public void Interrupt() => _interrupted = true;

    /// <summary>HiGHS asks at every simplex (or IPM) iteration whether to stop: the first field of its data-in is <c>user_interrupt</c>.</summary>
    private void OnCallback(int type, IntPtr message, IntPtr dataOut, IntPtr dataIn, IntPtr userData)
    {
        if (_interrupted && dataIn != IntPtr.Zero && type is CallbackSimplexInterrupt or CallbackIpmInterrupt)
            System.Runtime.InteropServices.Marshal.WriteInt32(dataIn, 1);
    }

    private static void Check(int status, string call)
    {
        if (status == StatusError) throw new InvalidOperationException($"HiGHS rejected {call}");
    }

    public void Dispose()
    {
        Highs_destroy(_highs);
        GC.KeepAlive(_callback);
    }
}
