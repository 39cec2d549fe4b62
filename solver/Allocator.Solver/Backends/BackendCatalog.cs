namespace Allocator.Solver.Backends;

/// <summary>The LP backends a request may name in <c>solver.backend</c>, and the OR-Tools solver behind each.</summary>
internal static class BackendCatalog
{
    public const string Default = "glop";

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
