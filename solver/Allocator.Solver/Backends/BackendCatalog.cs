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

    /// <summary>
    /// Backends that this installation can actually create (OR-Tools returns null for the others). Probed when first
    /// read, not when handed out: creating an OR-Tools solver loads OR-Tools' native library (44 ms of a
    /// national-scale solve's start, bench/README.md, section 5), which a request solved by HiGHS through its own
    /// library and naming no backend never needs.
    /// </summary>
    public static IReadOnlyList<string> Available { get; } =
        new ProbedList(() => [.. OrToolsIds.Keys.Where(IsLinked).Order(StringComparer.Ordinal)]);

    /// <summary>Every backend name a request may give, whether or not this installation links it.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. OrToolsIds.Keys.Order(StringComparer.Ordinal)];

    public static string OrToolsId(string name) => OrToolsIds[name];

    public static string Normalise(string? name) => (name ?? Default).ToLowerInvariant();

    private static bool IsLinked(string name)
    {
        using var solver = Google.OrTools.LinearSolver.Solver.CreateSolver(OrToolsIds[name]);
        return solver is not null;
    }

    /// <summary>A list computed the first time any member is read.</summary>
    private sealed class ProbedList(Func<string[]> probe) : IReadOnlyList<string>
    {
        private readonly Lazy<string[]> _items = new(probe);

        public string this[int index] => _items.Value[index];

        public int Count => _items.Value.Length;

        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_items.Value).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
