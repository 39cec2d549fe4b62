namespace Allocator.Solver.Backends;

/// <summary>
/// When HiGHS's first solve sifts (<see cref="HighsSifting"/>) and how its working set grows.
/// </summary>
/// <param name="LeastColumns">The fewest columns an LP must have to be sifted.</param>
/// <param name="LeastColumnsPerRow">The fewest columns per row.</param>
/// <param name="LeastBatch">The fewest columns one round adds (otherwise as many as the LP has rows).</param>
/// <param name="MostShare">Sifting is abandoned once its working set would hold more than this share of the columns.</param>
/// <param name="MostImproving">Sifting is abandoned once a round prices more than this share of the columns left out as improving.</param>
internal sealed record SiftingRule(int LeastColumns, int LeastColumnsPerRow, int LeastBatch, double MostShare, double MostImproving = 1)
{
    /// <summary>
    /// At least 20,000 columns and 100 per row. Measured (bench/README.md, section 5): on <c>wide</c> (200 to 830
    /// columns per row) the value stage took a third (10,000 lines) to a seventh (90,000) of a direct solve; on
    /// <c>national-pooled</c>, <c>research-pooled</c> and the presets L and XL (12 to 38 per row) two to ten times
    /// as long, because the restricted LPs, short of capacity in the early rounds, price almost every column as
    /// improving. A quarter of the columns: past that, the restricted solves are no smaller than the whole one, and
    /// each round repeats work (on those requests the working set reached two thirds of the columns).
    /// </summary>
    public static readonly SiftingRule Default = new(20_000, 100, 1_000, 0.25);

    /// <summary>
    /// Sifting from a hint (<see cref="Lp.WorkingSetHint"/>), on an LP of any shape: only the hint's candidates are
    /// left out, so the working set starts with every other column and no share of the columns bounds it. More than a
    /// quarter of the candidates left out improving after a round says the seed is far from the optimum's: measured on
    /// <c>national</c>'s value LP seeded with the routes of a plan for the same request with capacities, budgets and
    /// quantities changed by up to a third, the first round priced 73% of the routes left out as improving and going on
    /// took 6.6 s against 5.3 s for the whole LP, and from the routes of a coarser horizon 35% (7.0 s against 4.4–5.4 s);
    /// from a plan of the request changed by a tenth 22% (1.3 s against 3.8 s), and on a re-plan a period later 19%
    /// (1.4 s against 2.7 s). Abandoning costs the first round, about a tenth of the whole solve. bench/README.md,
    /// section 5, tenth round.
    /// </summary>
    public static readonly SiftingRule Hinted = new(0, 0, 1_000, 1, 0.25);

    /// <summary>
    /// A rule for the calling flow only (tests sift small LPs with it, which <see cref="Default"/> keeps away from
    /// sifting, so that the GLPK oracle can check sifted plans); null for <see cref="Default"/>.
    /// </summary>
    public static readonly AsyncLocal<SiftingRule?> Override = new();

    /// <summary>The rule in force for an LP without a hint.</summary>
    public static SiftingRule Current => Override.Value ?? Default;

    /// <summary>Whether an LP of this shape is sifted.</summary>
    public bool Suits(int columns, int rows) => columns >= LeastColumns && columns >= (long)LeastColumnsPerRow * rows;
}
