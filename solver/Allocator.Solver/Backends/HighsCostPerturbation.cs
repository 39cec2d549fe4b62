namespace Allocator.Solver.Backends;

/// <summary>
/// How much HiGHS's dual simplex perturbs the costs of a wide LP (<c>dual_simplex_cost_perturbation_multiplier</c>).
/// Dual simplex perturbs every cost a little against degeneracy; at the end it removes the perturbation, and every
/// column whose reduced cost then has the wrong sign is cleaned up by primal simplex, serially, one pivot at a time,
/// each pivot pricing every column of the LP. On a wide LP that cleanup is a third of the solve: research-pooled's
/// value stage (537,950 columns after presolve, 25 per row) reached primal feasibility at 39 s with 28,991 dual
/// infeasibilities, removed in 20 s more. A quarter of the default perturbation leaves fewer to remove: HiGHS alone on
/// the value stages' LPs (bench/highs-lp.sh, two threads as the engine runs them, runs in turn), research-pooled
/// 64.3 → 51.6 s, XL 10.9–14.3 → 9.7–10.3 s, wide (10,000 lines) 1.24–1.68 → 1.12–1.32 s, L 0.55–0.59 → 0.51–0.55 s,
/// the same optimum. On a narrow LP the perturbation earns its keep in the dual phase: national (5 columns per row)
/// took 36,130 iterations instead of 35,462 and 10–15% longer (3.99–4.92 → 4.63–5.56 s), so it keeps the default
/// (bench/README.md, section 5, twelfth round).
/// </summary>
internal static class HighsCostPerturbation
{
    /// <summary>An LP with at least this many columns per row is wide: research-pooled has 25, XL 38, L 26; national 5, national-pooled 12.</summary>
    public const int WideColumnsPerRow = 20;

    /// <summary>The multiplier on a wide LP; HiGHS's default, 1, on any other.</summary>
    public const double WideMultiplier = 0.25;

    /// <summary>The multiplier for an LP of <paramref name="columns"/> × <paramref name="rows"/>.</summary>
    public static double Multiplier(int columns, int rows) =>
        rows > 0 && columns >= (long)WideColumnsPerRow * rows ? WideMultiplier : 1.0;
}
