using System.Diagnostics;
using Allocator.Solver.Lp;
using static Allocator.Solver.Backends.HighsApi;

namespace Allocator.Solver.Backends;

/// <summary>
/// Sifting: the first solve of a very wide LP (hundreds of columns per row) as a few small ones. An optimum uses few
/// columns: on <c>wide</c> with 90,000 lines, 1,100 of 554,605 are not at their lower bound after the value stage. So
/// HiGHS solves the LP restricted to a working set of columns, every other column held at its lower bound; the
/// restricted optimum's row duals price every column left out; the columns they price as improving join the working
/// set (at most a batch per round, the best first) and HiGHS goes on from its basis with primal simplex, until no
/// column left out improves. The restricted basis, with every column left out nonbasic at its lower bound, is then
/// optimal for the whole LP: its duals meet every column's reduced-cost condition. The session loads that basis into
/// the whole LP, where HiGHS confirms it (refactorises, prices every column, and takes the last iterations if its own
/// tolerances disagree with the pricing here), so nothing rests on this class; <c>StageCheck</c> then checks the point
/// and its duals as after any solve. With a hint (<see cref="WorkingSetHint"/>, a re-plan's money routes) only the
/// hint's candidates are left out and its seed starts in the working set. docs/model.md, "Sifting".
/// </summary>
internal sealed class HighsSifting
{
    /// <summary>How sifting ended.</summary>
    public enum Ending
    {
        /// <summary>No column left out improves: <see cref="Result.ColumnStatus"/> and <see cref="Result.RowStatus"/> are an optimal basis.</summary>
        Optimal,

        /// <summary>The time limit or an interrupt stopped a restricted solve.</summary>
        Stopped,

        /// <summary>Not worth going on (the working set grew too large) or a restricted solve did not end optimal: solve the whole LP.</summary>
        Abandoned,
    }

    /// <summary>What sifting did.</summary>
    /// <param name="Ending">How it ended.</param>
    /// <param name="ColumnStatus">With <see cref="Ending.Optimal"/>, HiGHS's basis status of every column of the whole LP.</param>
    /// <param name="RowStatus">With <see cref="Ending.Optimal"/>, HiGHS's basis status of every row.</param>
    /// <param name="Iterations">Simplex iterations of every restricted solve.</param>
    /// <param name="Rounds">Restricted solves.</param>
    /// <param name="Columns">Columns in the last working set.</param>
    /// <param name="Why">With <see cref="Ending.Abandoned"/>, why.</param>
    public sealed record Result(Ending Ending, int[]? ColumnStatus, int[]? RowStatus, long Iterations, int Rounds, int Columns, string? Why = null);

    private readonly ColumnMatrix _matrix;
    private readonly double[] _cost, _columnLower, _columnUpper, _rowLower, _rowUpper;
    private readonly bool _maximize;
    private readonly SiftingRule _rule;
    private readonly WorkingSetHint? _hint;

    /// <param name="matrix">The whole LP's matrix, column by column.</param>
    /// <param name="cost">The objective, one coefficient per column.</param>
    /// <param name="maximize">The objective's sense.</param>
    /// <param name="columnLower">Column lower bounds (a column left out of the working set sits at its lower bound).</param>
    /// <param name="columnUpper">Column upper bounds.</param>
    /// <param name="rowLower">Row lower bounds.</param>
    /// <param name="rowUpper">Row upper bounds.</param>
    /// <param name="rule">How the working set grows.</param>
    /// <param name="hint">Which columns may be left out, and which of them start in the working set; null: any column, none.</param>
    public HighsSifting(ColumnMatrix matrix, double[] cost, bool maximize, double[] columnLower, double[] columnUpper, double[] rowLower, double[] rowUpper,
        SiftingRule rule, WorkingSetHint? hint = null)
    {
        (_matrix, _cost, _maximize, _rule, _hint) = (matrix, cost, maximize, rule, hint);
        (_columnLower, _columnUpper, _rowLower, _rowUpper) = (columnLower, columnUpper, rowLower, rowUpper);
    }

    /// <summary>Solves by sifting in HiGHS instances made by <paramref name="create"/>.</summary>
    /// <param name="create">Makes a configured, empty HiGHS instance (quiet, one thread, interruptible); this class destroys it.</param>
    /// <param name="configure">Sets a round's options: its first solve's (false) or a warm round's primal simplex (true).</param>
    /// <param name="tolerance">A column left out improves when its reduced cost beats this, in the objective's sense.</param>
    /// <param name="timeLimit">Wall-clock limit for every round together, or null.</param>
    public Result Solve(Func<IntPtr> create, Action<IntPtr, bool> configure, double tolerance, TimeSpan? timeLimit)
    {
        var clock = Stopwatch.StartNew();
        var columns = _cost.Length;
        var rows = _rowLower.Length;
        var inSet = new bool[columns];
        // With a hint, every column but its candidates, and its seed; without, every column may be left out.
        if (_hint is not null)
        {
            Array.Fill(inSet, true);
            foreach (var j in _hint.Candidates) inSet[j] = false;
            foreach (var j in _hint.Seed) inSet[j] = true;
        }
        var working = new List<int>();
        for (var j = 0; j < columns; j++)
        {
            // The objective's columns, and every column that cannot rest at a lower bound of zero.
            if (inSet[j] || _cost[j] != 0 || _columnLower[j] != 0)
            {
                inSet[j] = true;
                working.Add(j);
            }
        }
        var highs = create();
        try
        {
            Pass(highs, working);
            long iterations = 0;
            var rounds = 0;
            var batch = Math.Max(_rule.LeastBatch, rows);
            var rowDual = new double[rows];
            var improving = new List<(double Gain, int Column)>();
            while (true)
            {
                configure(highs, rounds > 0);
                var left = timeLimit - clock.Elapsed;
                if (left <= TimeSpan.Zero) return new Result(Ending.Stopped, null, null, iterations, rounds, working.Count);
                Check(Highs_setDoubleOptionValue(highs, "time_limit", left?.TotalSeconds ?? double.PositiveInfinity));
                Highs_run(highs);
                rounds++;
                if (Highs_getIntInfoValue(highs, "simplex_iteration_count", out var spent) == 0) iterations += spent;
                var status = Highs_getModelStatus(highs);
                if (status is ModelStatusTimeLimit or ModelStatusInterrupt)
                    return new Result(Ending.Stopped, null, null, iterations, rounds, working.Count);
                if (status != ModelStatusOptimal)
                    return new Result(Ending.Abandoned, null, null, iterations, rounds, working.Count, $"restricted solve {rounds} did not end optimal");

                Check(Highs_getSolution(highs, new double[working.Count], new double[working.Count], new double[rows], rowDual));
                improving.Clear();
                for (var j = 0; j < columns; j++)
                {
                    if (inSet[j] || _columnUpper[j] <= _columnLower[j]) continue;
                    // HiGHS's reduced cost c - A^T y: at its lower bound a column improves a minimisation when it is
                    // negative, a maximisation when it is positive.
                    var reduced = _cost[j] - _matrix.Dot(j, rowDual);
                    var gain = _maximize ? reduced : -reduced;
                    // Ranked by gain per unit of the column's length, as steepest-edge pricing would: early duals price
                    // every line of a category alike, and this prefers the cheap ones (wide, 90,000 lines: money stage
                    // 4.4 s after it against 6.6 s after plain gains; the value stage is the same).
                    if (gain > tolerance) improving.Add((gain / _matrix.Length(j), j));
                }
                if (improving.Count == 0) break;
                if (improving.Count > _rule.MostImproving * (columns - working.Count))
                    return new Result(Ending.Abandoned, null, null, iterations, rounds, working.Count,
                        string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"after {rounds} round{(rounds == 1 ? "" : "s")} {improving.Count:N0} of the {columns - working.Count:N0} columns left out improve, more than {_rule.MostImproving * 100:0.#}%"));
                if (working.Count + Math.Min(batch, improving.Count) > _rule.MostShare * columns)
                    return new Result(Ending.Abandoned, null, null, iterations, rounds, working.Count,
                        string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"after {rounds} round{(rounds == 1 ? "" : "s")} the working set would hold more than {_rule.MostShare * 100:0.#}% of the columns"));
                // Ties by column, so that the same request gives the same rounds.
                improving.Sort((a, b) => a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Column.CompareTo(b.Column));
                var added = improving.Take(batch).Select(c => c.Column).Order().ToList();
                foreach (var j in added) inSet[j] = true;
                working.AddRange(added);
                Add(highs, added);
            }

            var columnStatus = new int[columns]; // every column left out: nonbasic at its lower bound (BasisStatusLower, 0)
            var workingStatus = new int[working.Count];
            var rowStatus = new int[rows];
            Check(Highs_getBasis(highs, workingStatus, rowStatus));
            for (var k = 0; k < working.Count; k++) columnStatus[working[k]] = workingStatus[k];
            return new Result(Ending.Optimal, columnStatus, rowStatus, iterations, rounds, working.Count);
        }
        finally
        {
            Highs_destroy(highs);
        }
    }

    /// <summary>Loads the LP restricted to <paramref name="working"/> (in that order) into an empty instance.</summary>
    private void Pass(IntPtr highs, List<int> working)
    {
        var (start, index, value) = _matrix.Slice(working);
        Check(Highs_passLp(highs, working.Count, _rowLower.Length, index.Length, MatrixFormatColwise, _maximize ? SenseMaximize : SenseMinimize, 0,
            [.. working.Select(j => _cost[j])], [.. working.Select(j => _columnLower[j])], [.. working.Select(j => _columnUpper[j])],
            _rowLower, _rowUpper, start, index, value));
    }

    /// <summary>Appends columns to the restricted LP; HiGHS keeps its basis, with the new columns nonbasic at their lower bound.</summary>
    private void Add(IntPtr highs, List<int> added)
    {
        var (start, index, value) = _matrix.Slice(added);
        Check(Highs_addCols(highs, added.Count, [.. added.Select(j => _cost[j])], [.. added.Select(j => _columnLower[j])],
            [.. added.Select(j => _columnUpper[j])], index.Length, start, index, value));
    }

    private static void Check(int status)
    {
        if (status == StatusError) throw new InvalidOperationException("HiGHS rejected a call while sifting");
    }
}
