using static Allocator.Solver.Backends.HighsApi;

namespace Allocator.Solver.Backends;

/// <summary>
/// A warm re-solve without the columns fixed at a bound (docs/model.md, "The optimal face"). On the optimal face most
/// columns are fixed (research-pooled: 463,165 of 540,979), and HiGHS's primal simplex, warm from the last basis, still
/// carries them: each iteration updates every column's reduced cost, so it cost up to 1.3 ms on research-pooled and
/// 1.0 ms on preset XL. Presolve would drop them, but HiGHS does not presolve a warm start. So this builds the LP
/// without the fixed columns that are nonbasic (each one's contribution moved into its rows' bounds; a fixed column
/// that is basic stays, so that the basis keeps one basic variable per row), gives it the same basis, lets HiGHS
/// go on there with the same options, and returns the basis it ended with, extended by the dropped columns at their
/// bounds. The caller loads it into the whole LP, where HiGHS refactorises and checks it (and takes any last
/// iterations its tolerances ask for) before it reports anything, so nothing rests on this copy.
/// </summary>
internal static class HighsFixedColumns
{
    /// <summary>
    /// Used only when at least this share of the columns is fixed and nonbasic: below it the copy saves less than it
    /// costs (measured per iteration with bench/highs-lp.sh --drop-fixed: 5 times cheaper on XL's tie rule, 86% fixed;
    /// 3 times on national-pooled's, 85%; 1.4 times on national's money stage, 37%).
    /// </summary>
    public const double MinimumShare = 0.3;

    /// <summary>How the solve without the fixed columns went.</summary>
    /// <param name="Stopped">It reached its iteration or time limit (the basis is where it stopped).</param>
    /// <param name="Iterations">Its simplex iterations.</param>
    /// <param name="ColumnStatus">The basis for the whole LP: the dropped columns at their bounds, as they were.</param>
    /// <param name="RowStatus">The rows' basis statuses.</param>
    public sealed record Result(bool Stopped, int Iterations, int[] ColumnStatus, int[] RowStatus);

    /// <summary>
    /// Solves <paramref name="whole"/>'s LP, from its current basis, without its fixed nonbasic columns; null when
    /// too few are fixed, when the whole LP has no basis HiGHS accepts, or when the copy ended neither optimal nor
    /// stopped by a limit (the caller then solves the whole LP from the basis it had, as it would have).
    /// </summary>
    /// <param name="whole">The session's HiGHS instance, after an earlier solve.</param>
    /// <param name="columns">Its columns.</param>
    /// <param name="maximize">Its objective's sense.</param>
    /// <param name="createInstance">A new instance configured as the session's (quiet, one thread, interruptible).</param>
    /// <param name="configure">Sets the copy's options as the whole LP's are set for this solve.</param>
    /// <param name="timeLimit">The time the solve may take.</param>
    public static Result? Solve(IntPtr whole, int columns, bool maximize, Func<IntPtr> createInstance, Action<IntPtr> configure, TimeSpan? timeLimit)
    {
        var rows = Highs_getNumRow(whole);
        if (columns == 0 || rows == 0) return null;
        var columnStatus = new int[columns];
        var rowStatus = new int[rows];
        if (Highs_getBasis(whole, columnStatus, rowStatus) == StatusError) return null;
        var cost = new double[columns];
        var lower = new double[columns];
        var upper = new double[columns];
        Check(Highs_getColsByRange(whole, 0, columns - 1, out _, cost, lower, upper, out var nonzeros, null, null, null));
        var dropped = 0;
        var drop = new bool[columns];
        for (var j = 0; j < columns; j++)
            if (lower[j] == upper[j] && columnStatus[j] != BasisStatusBasic)
            {
                drop[j] = true;
                dropped++;
            }
        if (dropped < MinimumShare * columns) return null;

        var start = new int[columns + 1];
        var index = new int[Math.Max(1, nonzeros)];
        var value = new double[Math.Max(1, nonzeros)];
        Check(Highs_getColsByRange(whole, 0, columns - 1, out _, cost, lower, upper, out nonzeros, start, index, value));
        start[columns] = nonzeros;
        var rowLower = new double[rows];
        var rowUpper = new double[rows];
        Check(Highs_getRowsByRange(whole, 0, rows - 1, out _, rowLower, rowUpper, out _, null, null, null));
        // The dropped columns' part of each row, moved into its bounds.
        var shift = new double[rows];
        for (var j = 0; j < columns; j++)
            if (drop[j] && lower[j] != 0)
                for (var k = start[j]; k < start[j + 1]; k++) shift[index[k]] += value[k] * lower[j];
        for (var i = 0; i < rows; i++)
        {
            rowLower[i] -= shift[i];
            rowUpper[i] -= shift[i];
        }
        var kept = columns - dropped;
        var keptCost = new double[kept];
        var keptLower = new double[kept];
        var keptUpper = new double[kept];
        var keptStatus = new int[kept];
        var keptStart = new int[kept + 1];
        var keptIndex = new List<int>(nonzeros);
        var keptValue = new List<double>(nonzeros);
        var at = 0;
        for (var j = 0; j < columns; j++)
        {
            if (drop[j]) continue;
            (keptCost[at], keptLower[at], keptUpper[at], keptStatus[at]) = (cost[j], lower[j], upper[j], columnStatus[j]);
            keptStart[at] = keptIndex.Count;
            for (var k = start[j]; k < start[j + 1]; k++)
            {
                keptIndex.Add(index[k]);
                keptValue.Add(value[k]);
            }
            at++;
        }

        var copy = createInstance();
        try
        {
            Check(Highs_passLp(copy, kept, rows, keptIndex.Count, MatrixFormatColwise, maximize ? SenseMaximize : SenseMinimize, 0, keptCost, keptLower, keptUpper,
                rowLower, rowUpper, keptStart[..kept], [.. keptIndex], [.. keptValue]));
            configure(copy);
            Check(Highs_setDoubleOptionValue(copy, "time_limit", timeLimit?.TotalSeconds ?? double.PositiveInfinity));
            Check(Highs_setBasis(copy, keptStatus, rowStatus));
            Highs_run(copy);
            var iterations = Highs_getIntInfoValue(copy, "simplex_iteration_count", out var spent) == 0 ? spent : 0;
            var status = Highs_getModelStatus(copy);
            var stopped = status is ModelStatusTimeLimit or ModelStatusIterationLimit or ModelStatusInterrupt;
            if (status != ModelStatusOptimal && !stopped) return null;
            Check(Highs_getBasis(copy, keptStatus, rowStatus));
            at = 0;
            for (var j = 0; j < columns; j++)
                if (!drop[j]) columnStatus[j] = keptStatus[at++];
            return new Result(stopped, iterations, columnStatus, rowStatus);
        }
        finally
        {
            Highs_destroy(copy);
        }
    }

    private static void Check(int status)
    {
        if (status == StatusError) throw new InvalidOperationException("HiGHS refused a call while solving without the fixed columns");
    }
}
