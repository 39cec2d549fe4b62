using Allocator.Models;
using Allocator.Solver.Problem;

namespace Allocator.Solver.Results;

/// <summary>
/// Contract 1.1's comparison of a plan with the previous plan: the change <c>D = sum |x - p|</c> over every tranche,
/// line and period (rows that can no longer exist count whole), and the money kept, <c>sum min(x, p)</c>. Computed
/// from the amounts as reported, so that a planner who compares the two plans row by row finds the same numbers.
/// </summary>
internal static class RevisionFigures
{
    /// <summary>Null without a previous plan.</summary>
    /// <param name="p">The problem (its <see cref="AllocationProblem.Previous"/>).</param>
    /// <param name="rows">The plan's money per cell, as reported.</param>
    public static (double Change, Revision Revision)? Compare(AllocationProblem p, IReadOnlyDictionary<(int Tranche, int Line, int Period), double> rows)
    {
        if (p.Previous is not { } previous) return null;
        var change = previous.Dropped.Sum(d => d.Amount);
        var kept = 0.0;
        foreach (var cell in rows.Keys.Union(previous.Money.Keys))
        {
            var x = rows.GetValueOrDefault(cell);
            var was = previous.Money.GetValueOrDefault(cell);
            kept += Math.Min(x, was);
            // Equal to 12 digits is unchanged: a plan re-solved against itself has D = 0, not the LP's last bits.
            if (Math.Abs(x - was) > 1e-11 * Math.Max(x, was)) change += Math.Abs(x - was);
        }
        return (Figures.Round(change), new Revision
        {
            Previous = Figures.Round(previous.Total),
            Kept = Figures.Round(kept),
            Dropped = previous.Dropped.Select(d => new DroppedAllocation
            {
                Donor = d.Donor, Tranche = d.Tranche, Line = d.Line, Period = d.Period, Amount = Figures.Round(d.Amount), Reason = d.Reason,
            }).ToList(),
        });
    }
}
