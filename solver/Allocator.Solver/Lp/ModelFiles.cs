namespace Allocator.Solver.Lp;

/// <summary>
/// A developer's copies of what the engine solves (bench/README.md, "Looking inside a solve"): with
/// <c>ALLOCATOR_HIGHS_WRITE=PREFIX</c>, each solve's LP as <c>PREFIX-N.mps</c> and the money routes' map as
/// <c>PREFIX-routes.tsv</c>. Nothing is written without it, and nothing written changes a result.
/// </summary>
internal static class ModelFiles
{
    private static int _lpFiles; // LP files named so far in this process

    /// <summary>The prefix the files go to, or null when none are wanted.</summary>
    public static string? Prefix => Environment.GetEnvironmentVariable("ALLOCATOR_HIGHS_WRITE") is { Length: > 0 } prefix ? prefix : null;

    /// <summary>
    /// The next LP file's name. Numbered across the process, not per session: the tie rule's routes solve in a session
    /// of their own, whose first file would otherwise overwrite the value stage's <c>-0</c>.
    /// </summary>
    public static string NextLp(string prefix) => $"{prefix}-{Interlocked.Increment(ref _lpFiles) - 1}.mps";
}
