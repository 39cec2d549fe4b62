using Allocator.Models;

namespace Allocator.Report;

/// <summary>Checks that a result belongs to a request: every id it names exists and every period is in the horizon.</summary>
internal static class Consistency
{
    /// <summary>At most this many problems are listed; one is usually enough to see the files do not match.</summary>
    private const int MaxProblems = 10;

    public static IReadOnlyList<string> Problems(AllocationRequest request, AllocationResult result)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string problem, string? key = null)
        {
            if (problems.Count < MaxProblems && seen.Add(key ?? problem)) problems.Add(problem);
        }
        var donors = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in request.Donors) donors.TryAdd(d.Id, d.Tranches.Count);
        var lines = request.Lines.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var needs = request.Needs.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var periods = request.Horizon.Periods;

        if (!string.Equals(request.BaseCurrency, result.BaseCurrency, StringComparison.Ordinal))
            Add($"the result is in {result.BaseCurrency} but the request's base currency is {request.BaseCurrency}");
        // Each unknown id is reported once, at the first row that names it.
        for (var i = 0; i < result.Allocations.Count; i++)
        {
            var a = result.Allocations[i];
            if (!donors.TryGetValue(a.Donor, out var tranches)) Add($"donor '{a.Donor}' (allocations[{i}]) is not in the request", "donor " + a.Donor);
            else if (a.Tranche < 0 || a.Tranche >= tranches) Add($"donor '{a.Donor}' has no tranche {a.Tranche} in the request (allocations[{i}])", $"tranche {a.Donor} {a.Tranche}");
            if (!lines.Contains(a.Line)) Add($"line '{a.Line}' (allocations[{i}]) is not in the request", "line " + a.Line);
            if (a.Period < 0 || a.Period >= periods) Add($"period {a.Period} (allocations[{i}]) is outside the request's horizon of {periods} periods", $"period {a.Period}");
        }
        for (var i = 0; i < result.Deliveries.Count; i++)
        {
            var y = result.Deliveries[i];
            if (!lines.Contains(y.Line)) Add($"line '{y.Line}' (deliveries[{i}]) is not in the request", "line " + y.Line);
            if (!needs.Contains(y.Need)) Add($"need '{y.Need}' (deliveries[{i}]) is not in the request", "need " + y.Need);
            if (y.Period < 0 || y.Period >= periods) Add($"period {y.Period} (deliveries[{i}]) is outside the request's horizon of {periods} periods", $"period {y.Period}");
        }
        // The per-donor, per-line and per-need rows are not drawn (the report recomputes them), but an id the
        // request does not know still means the files do not belong together.
        foreach (var row in result.Donors) if (!donors.ContainsKey(row.Id)) Add($"donor '{row.Id}' (donors) is not in the request", "donor " + row.Id);
        foreach (var row in result.Lines) if (!lines.Contains(row.Id)) Add($"line '{row.Id}' (lines) is not in the request", "line " + row.Id);
        foreach (var row in result.Needs) if (!needs.Contains(row.Id)) Add($"need '{row.Id}' (needs) is not in the request", "need " + row.Id);
        return problems;
    }
}
