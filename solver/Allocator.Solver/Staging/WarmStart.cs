using Allocator.Solver.Backends;
using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>
/// How far the last basis is from the optimum of the next stage's objective, counted before a warm re-solve is tried:
/// the columns resting at a bound that their reduced cost under the new objective wants them to leave (dual
/// infeasibilities). Warm, primal simplex prices them out one pivot at a time (0.25 to 1 pivot each in the money stages,
/// tie rules and sifting rounds measured: national-pooled's tie rule 2,238 → 1,703 iterations, XL's 7,273 → 7,143);
/// a start thousands of them away runs out of its share (<see cref="StagedSolver.WarmShare"/>) and dual simplex starts
/// again from scratch anyway, after the share's time is lost (national: 6,968 at the start, 1,105 iterations in
/// 0.34 s, then 5,884 from scratch; bench/README.md, section 5, twelfth round).
/// </summary>
internal static class WarmStart
{
    /// <summary>
    /// A warm solve is not tried when its start has more than this many dual infeasibilities per iteration of its
    /// share: at the quickest pivots measured (one for four infeasibilities) it would use its share and more.
    /// </summary>
    public const int HopelessPerIteration = 4;

    /// <summary>HiGHS's dual feasibility tolerance, at which a warm re-solve runs.</summary>
    private const double Tolerance = 1e-7;

    /// <summary>
    /// The dual infeasibilities of <paramref name="objective"/> at <paramref name="session"/>'s last basis, over the
    /// columns (a row's own are not counted: a lower bound, enough to decide); null when the backend gives no basis or
    /// its rows are not the model's and <paramref name="holds"/>'.
    /// </summary>
    public static int? DualInfeasibilities(ILpSession session, LpModel model, IReadOnlyList<StageHold> holds, StageObjective objective)
    {
        if (session.BasicVariables() is not { } basic || basic.Length != model.RowCount + holds.Count) return null;
        var basicColumn = new bool[model.ColumnCount];
        var costOfBasic = new double[basic.Length]; // a basic logical's cost is 0
        for (var k = 0; k < basic.Length; k++)
            if (basic[k] >= 0)
            {
                basicColumn[basic[k]] = true;
                costOfBasic[k] = objective.Coefficient(model, basic[k]);
            }
        if (session.BasisTransposeSolve(costOfBasic) is not { } y) return null;
        var reduced = StageCheck.ReducedCosts(model, holds, objective, y);
        var x = session.Primal();
        // Which way the objective improves: a minimised one by a column whose reduced cost is negative.
        var sense = objective.Maximise ? -1 : 1;
        var count = 0;
        for (var j = 0; j < reduced.Length; j++)
        {
            var (lower, upper) = (session.ColumnLower(j), session.ColumnUpper(j));
            if (basicColumn[j] || lower == upper) continue;
            var d = sense * reduced[j];
            var atLower = x[j] <= lower + Tolerance * (1 + Math.Abs(lower));
            var atUpper = x[j] >= upper - Tolerance * (1 + Math.Abs(upper));
            if (atLower && d < -Tolerance || atUpper && d > Tolerance || !atLower && !atUpper && Math.Abs(d) > Tolerance) count++;
        }
        return count;
    }
}
