using Allocator.Solver.Problem;

namespace Allocator.Solver.Formulation;

/// <summary>
/// The tie rule for plans without a previous plan (issue 13, item 3): among the plans of optimal value and money, a
/// third stage minimises <c>sum over k,t of weight(k,t) * money of tranche k committed in t</c>. Tranches are ranked by
/// the money that is least flexible first: the earliest <c>expiresAfter</c>, then the fewest eligible lines, then
/// input order; <c>weight(k,t) = ((rank_k + 1) * P + t) / (K * P)</c>, so money that expires first (or is most
/// restricted) is spent first and the most flexible money is what stays unallocated, and, per unit of money, a
/// tranche's rank always outweighs the period; among equal tranches, earlier commitment (earlier delivery) wins.
/// </summary>
internal sealed class TieRule
{
    private readonly int[] _rank;
    private readonly int _periods;

    public TieRule(AllocationProblem p)
    {
        _periods = p.Periods;
        var order = Enumerable.Range(0, p.Tranches.Length)
            .OrderBy(k => p.Tranches[k].Until)
            .ThenBy(k => Enumerable.Range(0, p.Lines.Length).Count(l => p.IsEligible(k, l)))
            .ThenBy(k => k)
            .ToArray();
        _rank = new int[order.Length];
        for (var i = 0; i < order.Length; i++) _rank[order[i]] = i;
    }

    /// <summary>The tie-break cost of one unit of money (LP money units) from tranche <paramref name="k"/> committed in <paramref name="t"/>.</summary>
    public double Weight(int k, int t) => (_rank[k] + 1.0) * (_periods + t) / ((double)_rank.Length * 2 * _periods);
}
