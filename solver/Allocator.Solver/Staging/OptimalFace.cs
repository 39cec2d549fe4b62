using Allocator.Solver.Backends;
using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>
/// The optimal face of the stages solved so far, on which each later stage searches (docs/model.md, "The optimal
/// face").
/// <para>
/// Complementary slackness: when a stage is optimal with multipliers whose reduced cost on a column is not zero, every
/// optimum of that stage has the column at the bound where it sits now. A later stage holds the stage at its optimum,
/// so it may search only that face: <see cref="Narrow"/> fixes those columns (most of the LP: 66,811 of 78,845 on
/// <c>national-pooled</c> before the tie rule), and the backend no longer prices them, nor pivots through the
/// degenerate vertices where the hold row trades them against each other.
/// </para>
/// <para>
/// The later stage's duals then prove it optimal on the face only. <see cref="Certify"/> turns them into multipliers
/// for the whole LP: it adds <c>θ</c> times the earlier stage's multipliers (and <c>θ</c> on the row that holds that
/// stage), which adds <c>θ</c> times the earlier stage's reduced costs to the later one's. Those have the right sign on
/// every fixed column and are 0 elsewhere, so a large enough <c>θ</c> makes the combined reduced costs right on the
/// fixed columns too. The bound costs <c>θ</c> times the earlier stage's own gap, so <see cref="StageCheck"/> still
/// decides on numbers the backend did not choose; a face it rejects is released and the stage solved again on the
/// whole LP.
/// </para>
/// <para>
/// A value stage also fixes the rows its multipliers price, at the bound they price. Its value is then constant on the
/// face, so its hold row is redundant there and is dropped while a later stage solves on it (<see cref="ImpliedHolds"/>;
/// the check still holds the point to it). Kept, it let that stage's multipliers run off along the value stage's own:
/// on <c>national</c>, whose money is very steep in value near the optimum, the money stage's hold multiplier came out
/// at 3e5 and its category rows' at 1e7, extending them took <c>θ = 1.8e12</c>, and the bound, a sum of terms near
/// 1e14, was rounding (9e-6 of the money on the wrong side of the objective). With the rows fixed and the hold dropped
/// the same stage stays on the face and its extended bound proves it to 2e-10. A fixed row's extended multiplier must
/// price the bound it was fixed at, which <see cref="Certify"/>'s <c>θ</c> also sees to.
/// </para>
/// </summary>
internal sealed class OptimalFace(ILpSession session, LpModel model)
{
    /// <summary>
    /// A reduced cost counts as not zero above this, relative to the stage objective's largest coefficient: the
    /// dual feasibility tolerance of a warm HiGHS solve (1e-7), below which a reduced cost may be noise of the wrong sign.
    /// </summary>
    public const double Tolerance = 1e-7;

    private readonly List<Level> _levels = [];
    private readonly Dictionary<int, Fixed> _fixed = [];
    private readonly Dictionary<int, Fixed> _fixedRows = [];
    private readonly List<int> _impliedHolds = [];

    /// <summary>
    /// The holds (indices into the staged solve's hold list) that the face implies: a value stage whose priced rows are
    /// fixed too, so that its value is constant on the face and its hold row, redundant there, can be dropped while a
    /// later stage solves on the face (its multiplier would otherwise run off along the direction of that stage's own
    /// duals: national's money stage, see <see cref="Narrow"/>).
    /// </summary>
    public IReadOnlyList<int> ImpliedHolds => _impliedHolds;

    /// <summary>Whether any column or row is fixed (the face is narrower than the LP).</summary>
    public bool IsNarrow => _fixed.Count > 0 || _fixedRows.Count > 0;

    /// <summary>How many columns are fixed.</summary>
    public int FixedCount => _fixed.Count;

    /// <summary>How many rows are fixed at one of their bounds.</summary>
    public int FixedRowCount => _fixedRows.Count;

    /// <summary>
    /// Fixes, at the bound where <paramref name="x"/> has them, the columns that every optimum of the stage just solved
    /// keeps there. <paramref name="rowDuals"/> must prove that stage optimal on the whole LP (a backend's own duals for
    /// a stage solved without a face; <see cref="Certify"/>'s for one solved on it), over the model rows and the hold
    /// rows before the last of <paramref name="holds"/>, which holds this stage. A value stage fixes the rows it prices
    /// too (see the class). Returns how many columns it fixed.
    /// </summary>
    public int Narrow(StageObjective solved, IReadOnlyList<StageHold> holds, double[] rowDuals, double[] x, double[] faceDuals)
    {
        var holdRow = holds.Count - 1;
        var earlier = holds.Take(holdRow).ToList();
        var sense = solved.Maximise ? 1.0 : -1.0;
        // What the stage's own multipliers prove on the face it was solved on (before this narrowing), and beyond it: how
        // far that bound lies above the stage's hold limits how far any plan the hold admits strays from the face (Bound).
        var (faceBound, faceReduced, faceRows) = OnFace(solved, earlier, faceDuals);
        var proven = faceBound + Loss(faceReduced, faceRows, earlier);
        var adjusted = StageCheck.ReducedCosts(model, earlier, solved, rowDuals);
        var largest = 0.0;
        for (var j = 0; j < adjusted.Length; j++)
        {
            adjusted[j] *= sense;
            largest = Math.Max(largest, Math.Abs(solved.Coefficient(model, j)));
        }
        var tolerance = Tolerance * largest;
        var onFace = IsNarrow;
        var count = 0;
        for (var j = 0; j < adjusted.Length; j++)
        {
            if (Math.Abs(adjusted[j]) <= tolerance || _fixed.ContainsKey(j)) continue;
            // A stage solved on the face fixes only what its own multipliers there price too. The extended reduced cost of
            // a column the face left free adds θ times an earlier level's, below that level's tolerance but not zero: on a
            // national re-plan θ = 1.6e8 turned a value reduced cost under 1e-7 into one of 16 on a column whose money
            // reduced cost was 0, and the money stage fixed it, a column the least change would move at 70 a unit.
            if (onFace && (Math.Abs(faceReduced[j]) <= tolerance || Math.Sign(faceReduced[j]) != Math.Sign(adjusted[j]))) continue;
            var (lower, upper) = (session.ColumnLower(j), session.ColumnUpper(j));
            if (lower == upper) continue;
            // In maximisation terms a column at its lower bound has a negative reduced cost, at its upper a positive one.
            var atUpper = adjusted[j] > 0;
            var bound = atUpper ? upper : lower;
            if (!At(x[j], bound)) continue;
            session.SetColumnBounds(j, bound, bound);
            _fixed.Add(j, new Fixed(lower, upper, atUpper, _levels.Count));
            count++;
        }
        // A value stage also fixes, at their bounds, the rows its duals price: on such a face the stage's value is
        // constant, its hold row is redundant, and a later stage's multipliers no longer run off along the hold's
        // direction (on national the money stage's did, to 1e7, and extending them to the whole LP took θ = 1.8e12).
        if (!solved.IsMoney && !solved.IsChange && !solved.IsTie && !solved.IsRoutes)
        {
            var activity = model.RowActivities(x);
            for (var i = 0; i < model.RowCount && i < rowDuals.Length; i++)
            {
                var m = sense * rowDuals[i];
                if (Math.Abs(m) <= tolerance || _fixedRows.ContainsKey(i)) continue;
                var (lower, upper) = (model.RowLower(i), model.RowUpper(i));
                if (lower == upper) continue;
                var side = m > 0 ? upper : lower;
                if (!double.IsFinite(side) || !At(activity[i], side)) continue;
                session.SetRowBounds(i, side, side);
                _fixedRows.Add(i, new Fixed(lower, upper, m > 0, _levels.Count));
            }
            _impliedHolds.Add(holdRow);
        }
        _levels.Add(new Level(solved, rowDuals, holdRow, adjusted, tolerance, faceReduced, faceRows, proven));
        return count;
    }

    /// <summary>
    /// A bound on <paramref name="current"/> over every plan that keeps the stages before it at their optima, from its
    /// backend's multipliers on the face (<paramref name="faceDuals"/>: model rows, then <paramref name="holds"/>), in
    /// the stage's own sense; computed apart from <see cref="Certify"/>, which proves the same with one multiplier
    /// per level and loses, in rounding, what this one keeps (docs/model.md, "The optimal face"). Also the bound on the
    /// face alone.
    /// <para>
    /// The face's multipliers bound the stage on the face. A plan that keeps an earlier stage at its optimum may leave
    /// the face only a little: by that stage's own multipliers, each unit a fixed column (or row) moves off the bound
    /// it was fixed at costs that stage its reduced cost there, and all of them together may cost it no more than the
    /// gap between its proven bound and its hold (the level's budget, a few 1e-14 on a value stage proven to 1e-16).
    /// The most the current stage can gain from such moves is a fractional knapsack per level, added to the face's
    /// bound. With one multiplier per level, <see cref="Certify"/> must scale a whole level's multipliers by the
    /// largest of these gain-to-cost ratios (2e9 on national-scale re-plans), and the rounding of every reduced cost
    /// the face left free (1e-15) comes back multiplied: the bound of the least-change stage missed by 2e-6 to 1e-4,
    /// on either side. Sums are kept in double-double arithmetic (<see cref="DoubleDouble"/>).
    /// </para>
    /// </summary>
    public FaceBound Bound(StageObjective current, IReadOnlyList<StageHold> holds, double[] faceDuals)
    {
        var (bound, reduced, rows) = OnFace(current, holds, faceDuals);
        var sense = current.Maximise ? 1.0 : -1.0;
        return new FaceBound(sense * bound, sense * (bound + Loss(reduced, rows, holds)));
    }

    /// <summary>
    /// The weak-duality bound of <paramref name="objective"/> on the face (fixed columns and rows at the value they were
    /// fixed at, implied holds dropped), in maximisation terms, with the reduced costs and row multipliers it used
    /// (in maximisation terms; a multiplier that would price an infinite side counts as 0).
    /// </summary>
    private (double Bound, double[] Reduced, double[] Rows) OnFace(StageObjective objective, IReadOnlyList<StageHold> holds, double[] duals)
    {
        var sense = objective.Maximise ? 1.0 : -1.0;
        var rows = model.RowCount;
        var y = new double[rows + holds.Count];
        var bound = DoubleDouble.Zero;
        for (var i = 0; i < y.Length && i < duals.Length; i++)
        {
            var m = sense * duals[i];
            if (m == 0) continue;
            var (lower, upper) = i < rows
                ? _fixedRows.TryGetValue(i, out var row) ? (row.At, row.At) : (model.RowLower(i), model.RowUpper(i))
                : (_impliedHolds.Contains(i - rows) ? double.NegativeInfinity : holds[i - rows].Lower, double.PositiveInfinity);
            var side = m > 0 ? upper : lower;
            if (!double.IsFinite(side)) continue;
            y[i] = m;
            bound += DoubleDouble.Product(m, side);
        }
        // Reduced costs in maximisation terms.
        var reduced = StageCheck.ReducedCostsExactly(model, holds, objective, y, sense);
        var rounded = new double[reduced.Length];
        for (var j = 0; j < reduced.Length; j++)
        {
            var m = reduced[j];
            rounded[j] = m.Value;
            if (m.Sign == 0) continue;
            var side = _fixed.TryGetValue(j, out var column) ? column.At : m.Sign > 0 ? model.ColumnUpper(j) : model.ColumnLower(j);
            if (!double.IsFinite(side)) return (double.PositiveInfinity, rounded, y);
            bound += m * side;
        }
        return (bound.Value, rounded, y);
    }

    /// <summary>
    /// The most a stage with these reduced costs and row multipliers (maximisation terms) can gain, over its bound on
    /// the face, from plans that leave the face within every level's budget: per level, a fractional knapsack of its
    /// fixed columns and rows, each worth the stage's gain per unit moved and weighing the level's cost per unit. A
    /// level's budget is read from its hold as it stands now (relaxed, if a later stage had to relax it).
    /// </summary>
    private double Loss(double[] reduced, double[] rowMultipliers, IReadOnlyList<StageHold> holds)
    {
        var loss = 0.0;
        for (var l = 0; l < _levels.Count; l++)
        {
            var level = _levels[l];
            var items = new List<(double Gain, double Cost, double Range)>();
            foreach (var (j, fix) in _fixed)
                if (fix.Level == l) items.Add(Item(fix, reduced[j], level.FaceReduced[j]));
            foreach (var (i, fix) in _fixedRows)
                if (fix.Level == l) items.Add(Item(fix, rowMultipliers[i], level.FaceRows[i]));
            var budget = Math.Max(0, level.Proven - holds[level.HoldRow].Lower);
            // Free moves first (the level does not pay for them), then the best gain per unit of the level's cost.
            foreach (var (gain, cost, range) in items.Where(item => item.Gain > 0)
                .OrderBy(item => item.Cost > 0 ? 1 : 0).ThenByDescending(item => item.Cost > 0 ? item.Gain / item.Cost : item.Gain))
            {
                if (cost <= 0) { loss += gain * range; continue; }
                if (budget <= 0) break;
                var moved = Math.Min(range, budget / cost);
                loss += gain * moved;
                budget -= cost * moved;
            }
        }
        return loss;

        // Moving off the bound it was fixed at: up from a lower bound, down from an upper one.
        static (double Gain, double Cost, double Range) Item(Fixed fix, double stage, double level)
        {
            var direction = fix.AtUpper ? -1.0 : 1.0;
            return (Math.Max(0, stage * direction), -level * direction, fix.Upper - fix.Lower);
        }
    }

    /// <summary>
    /// Multipliers that bound <paramref name="current"/> over the whole LP, from <paramref name="rowDuals"/>, its
    /// backend's duals on the face (model rows, then <paramref name="holds"/>): the face's levels are added, latest
    /// first, each with the least <c>θ</c> that gives every fixed column a reduced cost of the right sign.
    /// </summary>
    public double[] Certify(StageObjective current, IReadOnlyList<StageHold> holds, double[] rowDuals)
    {
        if (!IsNarrow) return rowDuals;
        var rows = model.RowCount;
        var y = new double[rows + holds.Count];
        Array.Copy(rowDuals, y, Math.Min(rowDuals.Length, y.Length));
        var sense = current.Maximise ? 1.0 : -1.0;
        var adjusted = StageCheck.ReducedCosts(model, holds, current, y);
        for (var j = 0; j < adjusted.Length; j++) adjusted[j] *= sense;
        for (var l = _levels.Count - 1; l >= 0; l--)
        {
            var level = _levels[l];
            var theta = 0.0;
            // The least θ that makes a + θ b price the bound a column or row was fixed at: >= 0 at the upper bound, <= 0
            // at the lower (maximisation terms). A b this level would not have fixed it by is noise: dividing by it would
            // give a huge θ, and θ times the level's own gap would swamp the bound (an earlier level fixed that one).
            void Require(Fixed fix, double a, double b)
            {
                if (Math.Abs(b) <= level.Tolerance) return;
                if (fix.AtUpper && a < 0 && b > 0) theta = Math.Max(theta, -a / b);
                else if (!fix.AtUpper && a > 0 && b < 0) theta = Math.Max(theta, a / -b);
            }
            foreach (var (j, fix) in _fixed) Require(fix, adjusted[j], level.Adjusted[j]);
            var levelSense = level.Objective.Maximise ? 1.0 : -1.0;
            // A fixed row's multiplier must price the side it was fixed at, unless the other side is finite too.
            foreach (var (i, fix) in _fixedRows)
                if (!double.IsFinite(fix.AtUpper ? fix.Lower : fix.Upper))
                    Require(fix, sense * y[i], levelSense * level.RowDuals[i]);
            if (theta == 0) continue;
            for (var i = 0; i < level.RowDuals.Length && i < y.Length; i++) y[i] += theta * sense * levelSense * level.RowDuals[i];
            y[rows + level.HoldRow] -= theta * sense;
            for (var j = 0; j < adjusted.Length; j++) adjusted[j] += theta * level.Adjusted[j];
        }
        return y;
    }

    /// <summary>Whether a column's value or a row's activity sits at <paramref name="bound"/> (to 1e-9, relative).</summary>
    private static bool At(double value, double bound) => Math.Abs(value - bound) <= 1e-9 * (1 + Math.Abs(bound));

    /// <summary>Gives every fixed column and row its bounds back: the stage is solved again on the whole LP.</summary>
    public void Release()
    {
        foreach (var (j, fix) in _fixed) session.SetColumnBounds(j, fix.Lower, fix.Upper);
        foreach (var (i, fix) in _fixedRows) session.SetRowBounds(i, fix.Lower, fix.Upper);
        _fixed.Clear();
        _fixedRows.Clear();
        _impliedHolds.Clear();
        _levels.Clear();
    }

    /// <summary>A stage the face was narrowed by.</summary>
    /// <param name="Objective">The stage.</param>
    /// <param name="RowDuals">Its multipliers on the whole LP (extended from its face by <see cref="Certify"/>).</param>
    /// <param name="HoldRow">The hold row holding it (an index into the hold list).</param>
    /// <param name="Adjusted">Its reduced costs under <paramref name="RowDuals"/>, in maximisation terms.</param>
    /// <param name="Tolerance">Below this a reduced cost of <paramref name="Adjusted"/> counts as zero.</param>
    /// <param name="FaceReduced">Its reduced costs on the face it was solved on, from its backend's multipliers (maximisation terms).</param>
    /// <param name="FaceRows">Those multipliers on the model rows (maximisation terms).</param>
    /// <param name="Proven">Its bound over every plan the holds before it admit (<see cref="Bound"/>, maximisation terms):
    /// how far this lies beyond its hold is its budget, what leaving its face may cost it in all.</param>
    private sealed record Level(StageObjective Objective, double[] RowDuals, int HoldRow, double[] Adjusted, double Tolerance,
        double[] FaceReduced, double[] FaceRows, double Proven);

    /// <summary>A fixed column's (or row's) own bounds, which one it is fixed at, and the level that fixed it.</summary>
    private sealed record Fixed(double Lower, double Upper, bool AtUpper, int Level)
    {
        /// <summary>The value it is fixed at.</summary>
        public double At => AtUpper ? Upper : Lower;
    }
}

/// <summary>A stage's bound from its multipliers on the optimal face (<see cref="OptimalFace.Bound"/>), in its own sense.</summary>
/// <param name="OnFace">Over the plans on the face.</param>
/// <param name="Beyond">Over every plan that keeps the earlier stages at their optima: <paramref name="OnFace"/> plus what leaving the face may gain.</param>
internal readonly record struct FaceBound(double OnFace, double Beyond);
