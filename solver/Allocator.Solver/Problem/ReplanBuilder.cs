using Allocator.Models;

namespace Allocator.Solver.Problem;

/// <summary>
/// Contract 1.1 in the problem's terms: commitments as signed money per cell, the previous plan's rows sorted into
/// those that can still exist and those that cannot (with the reason a planner reads in <c>revision.dropped</c>).
/// </summary>
internal static class ReplanBuilder
{
    /// <summary>Signed money by tranche, line and period (a validated request: every commitment names what exists).</summary>
    public static Dictionary<(int, int, int), double> Signed(AllocationRequest request, TrancheData[] tranches)
    {
        var signed = new Dictionary<(int, int, int), double>();
        foreach (var c in request.Commitments ?? [])
        {
            var key = (TrancheIndex(request, tranches, c.Donor, c.Tranche)!.Value, LineIndex(request, c.Line)!.Value, c.Period);
            signed[key] = signed.GetValueOrDefault(key) + c.Amount;
        }
        return signed;
    }

    /// <summary>The previous plan, or null when the request has none.</summary>
    public static PreviousPlanData? Previous(AllocationRequest request, AllocationProblem p)
    {
        if (request.PreviousPlan is not { } plan) return null;
        var money = new Dictionary<(int, int, int), double>();
        var dropped = new List<DroppedRow>();
        var total = 0.0;
        foreach (var row in plan.Allocations)
        {
            total += row.Amount;
            var k = TrancheIndex(request, p.Tranches, row.Donor, row.Tranche);
            var l = LineIndex(request, row.Line);
            if (Reason(request, p, row, k, l) is { } reason)
            {
                dropped.Add(new DroppedRow(row.Donor, row.Tranche, row.Line, row.Period, row.Amount, reason));
                continue;
            }
            var key = (k!.Value, l!.Value, row.Period);
            money[key] = money.GetValueOrDefault(key) + row.Amount;
        }
        return new PreviousPlanData(money, dropped, total);
    }

    /// <summary>Why the row cannot exist in a plan for this request, or null when it can.</summary>
    private static string? Reason(AllocationRequest request, AllocationProblem p, PreviousAllocation row, int? k, int? l)
    {
        if (!request.Donors.Any(d => d.Id == row.Donor)) return $"donor '{row.Donor}' is no longer in the request";
        if (k is null) return $"donor '{row.Donor}' has no tranche {row.Tranche} any more";
        if (l is null) return $"line '{row.Line}' is no longer in the request";
        if (row.Period < 0 || row.Period > p.Periods - 1) return $"period {row.Period} is outside the horizon (periods 0 to {p.Periods - 1})";
        var tranche = p.Tranches[k.Value];
        var line = p.Lines[l.Value];
        if (!p.IsEligible(k.Value, l.Value)) return $"donor '{row.Donor}' may no longer fund line '{row.Line}' (its earmarks exclude it)";
        if (row.Period < tranche.From || row.Period > tranche.Until)
            return $"period {row.Period} is outside the tranche's window (periods {tranche.From} to {tranche.Until})";
        if (line.LeadTime > p.Periods - 1 - row.Period)
            return $"money committed in period {row.Period} would deliver in period {(long)row.Period + line.LeadTime}, after the horizon";
        if (row.Period < p.AsOf && p.SignedAmount(k.Value, l.Value, row.Period) <= 0)
            return $"period {row.Period} is before the current period {p.AsOf} and the row was not signed";
        return null;
    }

    private static int? TrancheIndex(AllocationRequest request, TrancheData[] tranches, string donor, int index)
    {
        var d = Index(request.Donors.Select(x => x.Id), donor);
        if (d is null) return null;
        for (var k = 0; k < tranches.Length; k++)
            if (tranches[k].Donor == d && tranches[k].IndexInDonor == index) return k;
        return null;
    }

    private static int? LineIndex(AllocationRequest request, string line) => Index(request.Lines.Select(x => x.Id), line);

    private static int? Index(IEnumerable<string> ids, string id)
    {
        var i = 0;
        foreach (var x in ids)
        {
            if (x == id) return i;
            i++;
        }
        return null;
    }
}
