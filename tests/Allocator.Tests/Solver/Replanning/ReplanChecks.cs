using Allocator.Models;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver.Replanning;

/// <summary>
/// The rules of contract 1.1, section 2, checked on a result from its rows, written from the spec (never from solver
/// code): every commitment honoured, no new money before <c>asOf</c>, <c>signed</c> the committed part of each row,
/// and <c>summary.change</c> and <c>revision.kept</c> the sums the spec defines.
/// </summary>
internal static class ReplanChecks
{
    public static void Assert(AllocationRequest request, AllocationResult result)
    {
        var signed = (request.Commitments ?? []).GroupBy(c => (c.Donor, c.Tranche, c.Line, c.Period)).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        var rows = result.Allocations.ToDictionary(a => (a.Donor, a.Tranche, a.Line, a.Period));
        foreach (var (cell, amount) in signed)
        {
            Xunit.Assert.True(rows.TryGetValue(cell, out var row) && row.Amount >= amount * (1 - 1e-9), $"commitment {cell} of {amount} not honoured");
            // Reported figures have 12 significant digits: compare relatively (national amounts run to millions).
            Xunit.Assert.True(Math.Abs(row!.Signed!.Value - amount) <= 1e-9 * Math.Max(1, amount), $"commitment {cell}: signed {row.Signed} for {amount}");
        }
        foreach (var row in result.Allocations)
        {
            if (!signed.ContainsKey((row.Donor, row.Tranche, row.Line, row.Period)))
            {
                Xunit.Assert.Null(row.Signed);
                Xunit.Assert.True(row.Period >= (request.AsOf ?? 0), $"new money in period {row.Period}, before asOf {request.AsOf}");
            }
        }
        if (request.PreviousPlan is not { } previous) return;

        var p = previous.Allocations.GroupBy(a => (a.Donor, a.Tranche, a.Line, a.Period)).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount));
        var x = result.Allocations.ToDictionary(a => (a.Donor, a.Tranche, a.Line, a.Period), a => a.Amount);
        var change = p.Keys.Union(x.Keys).Sum(cell => Math.Abs(x.GetValueOrDefault(cell) - p.GetValueOrDefault(cell)));
        var kept = p.Keys.Union(x.Keys).Sum(cell => Math.Min(x.GetValueOrDefault(cell), p.GetValueOrDefault(cell)));
        var scale = Math.Max(1, p.Values.Sum() + x.Values.Sum());
        Xunit.Assert.True(Math.Abs(change - result.Summary.Change!.Value) <= 1e-9 * scale, $"summary.change {result.Summary.Change}, rows give {change}");
        Xunit.Assert.True(Math.Abs(kept - result.Revision!.Kept) <= 1e-9 * scale, $"revision.kept {result.Revision.Kept}, rows give {kept}");
    }
}
