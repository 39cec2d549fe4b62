namespace Allocator.Models;

/// <summary>
/// Compares two results as contract 1.1, section 3 defines: the money rows whose amount differs by more than 1e-9 of
/// the larger plan's committed money, largest change first (ties by donor, tranche, line, period), and the needs whose
/// delivered units, on-time units or value changed; with both requests, what changed in the input
/// (<see cref="RequestComparison"/>).
/// </summary>
public static class PlanComparison
{
    /// <summary>The contract's threshold for a changed row, relative to the larger plan's committed money.</summary>
    public const double RowThreshold = 1e-9;

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>; the requests are optional (both or neither).</summary>
    public static PlanDiff Compare(AllocationResult before, AllocationResult after, AllocationRequest? requestBefore = null, AllocationRequest? requestAfter = null)
    {
        var threshold = RowThreshold * Math.Max(before.Summary.Committed, after.Summary.Committed);
        var old = Cells(before);
        var @new = Cells(after);
        var rows = old.Keys.Union(@new.Keys)
            .Select(cell => (cell, was: old.GetValueOrDefault(cell), now: @new.GetValueOrDefault(cell)))
            .Where(x => Math.Abs(x.now - x.was) > threshold)
            .OrderByDescending(x => Math.Abs(x.now - x.was))
            .ThenBy(x => x.cell.Donor, StringComparer.Ordinal).ThenBy(x => x.cell.Tranche)
            .ThenBy(x => x.cell.Line, StringComparer.Ordinal).ThenBy(x => x.cell.Period)
            .Select(x => new AllocationChange { Donor = x.cell.Donor, Tranche = x.cell.Tranche, Line = x.cell.Line, Period = x.cell.Period, Before = x.was, After = x.now })
            .ToList();

        return new PlanDiff
        {
            Summary = new DiffSummary
            {
                Value = Pair(before.Summary.Value, after.Summary.Value),
                Committed = Pair(before.Summary.Committed, after.Summary.Committed),
            },
            Allocations = rows,
            Needs = Needs(before, after),
            RequestChanges = requestBefore is not null && requestAfter is not null ? RequestComparison.Compare(requestBefore, requestAfter) : null,
        };
    }

    private static Dictionary<(string Donor, int Tranche, string Line, int Period), double> Cells(AllocationResult result)
    {
        var cells = new Dictionary<(string, int, string, int), double>();
        foreach (var a in result.Allocations)
            cells[(a.Donor, a.Tranche, a.Line, a.Period)] = cells.GetValueOrDefault((a.Donor, a.Tranche, a.Line, a.Period)) + a.Amount;
        return cells;
    }

    /// <summary>Needs of either plan, the old plan's order first; a need absent from a plan counts 0 there.</summary>
    private static List<NeedChange> Needs(AllocationResult before, AllocationResult after)
    {
        var old = before.Needs.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var @new = after.Needs.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var changes = new List<NeedChange>();
        foreach (var id in before.Needs.Select(n => n.Id).Concat(after.Needs.Select(n => n.Id)).Distinct(StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(id);
            var now = @new.GetValueOrDefault(id);
            var change = new NeedChange
            {
                Id = id,
                DeliveredUnits = Pair(was?.DeliveredUnits ?? 0, now?.DeliveredUnits ?? 0),
                OnTimeUnits = Pair(was?.OnTimeUnits ?? 0, now?.OnTimeUnits ?? 0),
                Value = Pair(was?.Value ?? 0, now?.Value ?? 0),
            };
            if (Differ(change.DeliveredUnits) || Differ(change.OnTimeUnits) || Differ(change.Value) || was is null != now is null)
                changes.Add(change);
        }
        return changes;
    }

    /// <summary>Results carry 12 significant digits: numbers equal to 1e-9 of their size are the same.</summary>
    private static bool Differ(BeforeAfter x) => Math.Abs(x.After - x.Before) > 1e-9 * Math.Max(Math.Abs(x.Before), Math.Abs(x.After));

    private static BeforeAfter Pair(double before, double after) => new() { Before = before, After = after };
}
