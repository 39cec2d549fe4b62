using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>
/// Checks a stage's answer before the staged solve accepts it, without trusting the backend's claim: the point's
/// largest row and bound violation, and a bound on the stage's objective from weak duality. Any row multipliers
/// <c>y</c> give a valid bound: with reduced costs <c>d = c - A'y</c>, every feasible <c>x</c> has
/// <c>c'x = y'Ax + d'x</c>, and each term is bounded by the row's or the column's bounds (every column is bounded:
/// the formulations give each an upper bound implied by the budgets). Multipliers whose sign would need an
/// infinite bound are set to 0 first, so the bound is finite and valid whatever the backend returned; a gap near 0
/// then proves the stage optimal.
/// </summary>
internal static class StageCheck
{
    /// <summary>Relative violation and gap accepted from a backend (its tolerances are 1e-9 to 1e-7; the contract asks 1e-6).</summary>
    public const double Tolerance = 1e-7;

    /// <summary>The stage's objective at <paramref name="x"/>, its dual bound (null without duals), and the point's largest relative violation.</summary>
    public static StageVerdict Verify(LpModel model, IReadOnlyList<StageHold> holds, StageObjective objective, double[] x, double[]? rowDuals)
    {
        var value = 0.0;
        for (var j = 0; j < x.Length; j++) value += objective.Coefficient(model, j) * x[j];
        var violation = PrimalViolation(model, holds, x);
        double? bound = rowDuals is null ? null : Bound(model, holds, objective, rowDuals);
        return new StageVerdict(objective, value, bound, violation);
    }

    /// <summary>Largest violation of a row or column bound, relative to the size of the row's terms (or the bound).</summary>
    private static double PrimalViolation(LpModel model, IReadOnlyList<StageHold> holds, double[] x)
    {
        var activity = new double[model.RowCount];
        var size = new double[model.RowCount];
        for (var t = 0; t < model.TermCount; t++)
        {
            var (row, column, coefficient) = model.Term(t);
            activity[row] += coefficient * x[column];
            size[row] += Math.Abs(coefficient * x[column]);
        }
        var worst = 0.0;
        for (var i = 0; i < model.RowCount; i++)
            worst = Math.Max(worst, Excess(activity[i], model.RowLower(i), model.RowUpper(i), size[i]));
        for (var j = 0; j < x.Length; j++)
            worst = Math.Max(worst, Excess(x[j], model.ColumnLower(j), model.ColumnUpper(j), Math.Abs(x[j])));
        foreach (var hold in holds)
        {
            if (hold.Lower == double.NegativeInfinity) continue;
            var held = hold.Activity(model, x);
            worst = Math.Max(worst, Excess(held, hold.Lower, double.PositiveInfinity, Math.Abs(held)));
        }
        return worst;
    }

    private static double Excess(double activity, double lower, double upper, double size)
    {
        var over = Math.Max(lower - activity, activity - upper);
        return over > 0 ? over / (1 + Math.Max(size, Math.Max(Finite(lower), Finite(upper)))) : 0;
    }

    private static double Finite(double bound) => double.IsFinite(bound) ? Math.Abs(bound) : 0;

    /// <summary>
    /// The reduced costs <c>d = c - A'y</c> of <paramref name="objective"/> under the row multipliers <paramref name="y"/>
    /// (model rows, then <paramref name="holds"/>; missing entries count as 0), in GLOP's convention for either sense.
    /// </summary>
    public static double[] ReducedCosts(LpModel model, IReadOnlyList<StageHold> holds, StageObjective objective, double[] y)
    {
        var rows = model.RowCount;
        var reduced = new double[model.ColumnCount];
        for (var j = 0; j < reduced.Length; j++) reduced[j] = objective.Coefficient(model, j);
        for (var t = 0; t < model.TermCount; t++)
        {
            var (row, column, coefficient) = model.Term(t);
            if (row < y.Length) reduced[column] -= coefficient * y[row];
        }
        for (var h = 0; h < holds.Count && rows + h < y.Length; h++)
        {
            if (y[rows + h] == 0) continue;
            for (var j = 0; j < reduced.Length; j++)
                reduced[j] -= holds[h].Coefficient(model, j) * y[rows + h];
        }
        return reduced;
    }

    /// <summary>
    /// <see cref="ReducedCosts"/> summed in double-double arithmetic (<see cref="DoubleDouble"/>), of <paramref name="sense"/>
    /// times the objective (1, or -1 for maximisation terms of a minimised stage, <paramref name="y"/> then given in the
    /// same terms): for the optimal face's bound and the refinement of a stage's multipliers, where the rounding of
    /// doubles is what they remove.
    /// </summary>
    public static DoubleDouble[] ReducedCostsExactly(LpModel model, IReadOnlyList<StageHold> holds, StageObjective objective, double[] y, double sense = 1)
    {
        var rows = model.RowCount;
        var reduced = new DoubleDouble[model.ColumnCount];
        for (var j = 0; j < reduced.Length; j++) reduced[j] = sense * objective.Coefficient(model, j);
        for (var t = 0; t < model.TermCount; t++)
        {
            var (row, column, coefficient) = model.Term(t);
            if (y[row] != 0) reduced[column] -= DoubleDouble.Product(coefficient, y[row]);
        }
        for (var h = 0; h < holds.Count && rows + h < y.Length; h++)
        {
            if (y[rows + h] == 0) continue;
            for (var j = 0; j < reduced.Length; j++)
                if (holds[h].Coefficient(model, j) is var c and not 0) reduced[j] -= DoubleDouble.Product(c, y[rows + h]);
        }
        return reduced;
    }

    /// <summary>The weak-duality bound on the stage's objective from <paramref name="rowDuals"/> (model rows, then hold rows).</summary>
    private static double Bound(LpModel model, IReadOnlyList<StageHold> holds, StageObjective objective, double[] rowDuals)
    {
        var sense = objective.Maximise ? 1.0 : -1.0;
        var rows = model.RowCount;
        var y = new double[rows + holds.Count];
        var bound = 0.0;
        for (var i = 0; i < y.Length && i < rowDuals.Length; i++)
        {
            var (lower, upper) = i < rows ? (model.RowLower(i), model.RowUpper(i)) : (holds[i - rows].Lower, double.PositiveInfinity);
            // In sense-adjusted terms (a maximisation), a positive multiplier prices the upper bound, a negative one the lower.
            var m = sense * rowDuals[i];
            var side = m > 0 ? upper : lower;
            if (m == 0 || !double.IsFinite(side)) continue;
            y[i] = rowDuals[i];
            bound += m * side;
        }
        var reduced = ReducedCosts(model, holds, objective, y);
        for (var j = 0; j < reduced.Length; j++)
        {
            var m = sense * reduced[j];
            if (m == 0) continue;
            var side = m > 0 ? model.ColumnUpper(j) : model.ColumnLower(j);
            if (!double.IsFinite(side)) return objective.Maximise ? double.PositiveInfinity : double.NegativeInfinity;
            bound += m * side;
        }
        return sense * bound;
    }
}

/// <summary>What <see cref="StageCheck"/> found for one stage (LP units).</summary>
/// <param name="Objective">Which stage.</param>
/// <param name="Value">The stage's objective at the point.</param>
/// <param name="Bound">The proven bound (an upper bound for value, a lower bound for money), or null without duals.</param>
/// <param name="Violation">The point's largest relative row or bound violation.</param>
internal sealed record StageVerdict(StageObjective Objective, double Value, double? Bound, double Violation)
{
    /// <summary>
    /// How far the bound is from the value, relative to the value (0 without a bound): positive when the bound is
    /// beyond the value as weak duality says it must be, negative when rounding put it on the wrong side.
    /// </summary>
    public double Gap => Bound is { } b ? (Objective.Maximise ? b - Value : Value - b) / Math.Max(1, Math.Abs(Value)) : 0;

    /// <summary>
    /// Within tolerance on both sides. A bound on the wrong side of the plan's own objective (a lower bound on money
    /// above the money the plan commits) is impossible in exact arithmetic for a plan that keeps the constraints, so
    /// by more than the tolerance it shows that rounding swamped the bound, which then proves nothing: on national's
    /// money stage, multipliers extended from the optimal face by a factor of 1e12 gave a bound 9e-6 above the
    /// objective, and the check took it as proof (OptimalFace).
    /// </summary>
    public bool Passed => Violation <= StageCheck.Tolerance && Math.Abs(Gap) <= StageCheck.Tolerance && (Bound is null || double.IsFinite(Bound.Value));

    /// <summary>Why the stage did not pass, in words.</summary>
    public string Why => Violation > StageCheck.Tolerance
        ? $"its plan breaks a constraint by {Violation:G2} (relative)"
        : Gap < 0
            ? $"the bound its duals prove is {-Gap:G2} (relative) on the wrong side of its objective: rounding swamped it"
            : $"its objective is {Gap:G2} (relative) from the bound its duals prove";
}
