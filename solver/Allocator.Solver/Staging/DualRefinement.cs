using Allocator.Solver.Backends;
using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>
/// One step of iterative refinement of a stage's row multipliers on the basis its backend ended on: the multipliers
/// <c>y</c> should give every basic column a reduced cost of exactly 0 (<c>c_B = B'y</c>, a basic logical's row a
/// multiplier of 0); the residual <c>r = c_B - B'y</c>, summed in double-double arithmetic, is solved with the
/// backend's factorisation (<c>B'δ = r</c>) and <c>y + δ</c> returned.
/// <para>
/// Why: what a later stage may gain by leaving the optimal face is bounded by the value stage's budget, the gap between
/// the bound its multipliers prove and the value it holds (<see cref="OptimalFace.Bound"/>). HiGHS's multipliers leave
/// the basic columns' reduced costs at 1e-16 rather than 0, which over every basic column's distance to its bounds
/// made that gap 7e-14 to 2e-13 of the value on national-scale re-plans, and the least change, at 2e9 of change for a
/// unit of value, could not be proven beyond the face. Refined, the gap is what the plan's own rounding leaves (0 to
/// 7e-14), and two of four such re-plans prove their least change (bench/README.md, section 5, eleventh round).
/// </para>
/// </summary>
internal static class DualRefinement
{
    /// <summary>
    /// <paramref name="y"/> (model rows, then <paramref name="holds"/>, the hold rows the stage was solved with) refined
    /// on <paramref name="session"/>'s last basis; <paramref name="y"/> itself when the backend gives no basis.
    /// </summary>
    public static double[] Refine(ILpSession session, LpModel model, IReadOnlyList<StageHold> holds, StageObjective objective, double[] y)
    {
        // Rows added since the solve (the stage's own hold) have basic logicals and multipliers of 0.
        if (session.BasicVariables() is not { } basic || basic.Length < y.Length) return y;
        var multipliers = new double[basic.Length];
        Array.Copy(y, multipliers, y.Length);
        var reduced = StageCheck.ReducedCostsExactly(model, holds, objective, multipliers);
        var residual = new double[basic.Length];
        for (var k = 0; k < basic.Length; k++)
            residual[k] = basic[k] >= 0 ? reduced[basic[k]].Value : -multipliers[-(1 + basic[k])];
        // HiGHS drops entries under 1e-14 in its solves: the residual is scaled by a power of two, exactly, and back.
        var largest = residual.Max(Math.Abs);
        if (largest == 0 || !double.IsFinite(largest)) return y;
        var scale = Math.ScaleB(1.0, -Math.ILogB(largest));
        for (var k = 0; k < residual.Length; k++) residual[k] *= scale;
        if (session.BasisTransposeSolve(residual) is not { } step) return y;
        var refined = new double[y.Length];
        for (var i = 0; i < refined.Length; i++) refined[i] = y[i] + step[i] / scale;
        return refined;
    }
}
