namespace Allocator.Solver.Backends;

/// <summary>The LP backends a request may name in <c>solver.backend</c>, and the OR-Tools solver behind each.</summary>
internal static class BackendCatalog
{
    // Chosen from measurements (bench/README.md): at national scale (L) HiGHS solves the value stage about ten
    // times faster than GLOP on this formulation, with the same optimum. GLOP remains the source of dual
    // values (OR-Tools 9.15 returns wrong duals for HiGHS).
    public const string Default = "highs";

    private static readonly Dictionary<string, string> OrToolsIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["glop"] = "GLOP",
        ["pdlp"] = "PDLP",
        ["highs"] = "HIGHS",
        ["clp"] = "CLP",
    };

    private static readonly Lazy<string[]> AvailableNames = new(() =>
        OrToolsIds.Keys.Where(IsLinked).Order(StringComparer.Ordinal).ToArray());

    /// <summary>Backends that this installation can actually create (OR-Tools returns null for the others).</summary>
    public static IReadOnlyList<string> Available => AvailableNames.Value;

    public static string OrToolsId(string name) => OrToolsIds[name];

    public static string Normalise(string? name) => (name ?? Default).ToLowerInvariant();

    private static bool IsLinked(string name)
    {
        using var solver = Google.OrTools.LinearSolver.Solver.CreateSolver(OrToolsIds[name]);
        return solver is not null;
    }
}
