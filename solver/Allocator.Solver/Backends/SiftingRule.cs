namespace Allocator.Solver.Backends;

/// <summary>
/// When HiGHS's first solve sifts (<see cref="HighsSifting"/>) and how its working set grows.
/// </summary>
/// <param name="LeastColumns">The fewest columns an LP must have to be sifted.</param>
/// <param name="LeastColumnsPerRow">The fewest columns per row.</param>
/// <param name="LeastBatch">The fewest columns one round adds (otherwise as many as the LP has rows).</param>
/// <param name="MostShare">Sifting is abandoned once its working set would hold more than this share of the columns.</param>
internal sealed record SiftingRule(int LeastColumns, int LeastColumnsPerRow, int LeastBatch, double MostShare)
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
    /// A rule for the calling flow only (tests sift small LPs with it, which <see cref="Default"/> keeps away from
    /// sifting, so that the GLPK oracle can check sifted plans); null for <see cref="Default"/>.
    /// </summary>
    public static readonly AsyncLocal<SiftingRule?> Override = new();

    /// <summary>The rule in force.</summary>
    public static SiftingRule Current => Override.Value ?? Default;

    /// <summary>Whether an LP of this shape is sifted.</summary>
    public bool Suits(int columns, int rows) => columns >= LeastColumns && columns >= (long)LeastColumnsPerRow * rows;
}
