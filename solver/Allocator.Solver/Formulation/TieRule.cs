using Allocator.Solver.Problem;

namespace Allocator.Solver.Formulation;

/// <summary>
/// The tie rule for plans without a previous plan (issue 13, item 3): among the plans of optimal value and money, a
/// third stage minimises <c>sum over k,t of weight(k,t) * money of tranche k committed in t</c>. Tranches are ranked by
/// the money that is least flexible first: the earliest <c>expiresAfter</c>, then the fewest eligible lines, then
/// input order; <c>weight(k,t) = (rank_k + 1) * (P + t) / (2 * K * P)</c> (a product, so that a swap of two tranches
/// between two periods is never a tie: docs/model.md, "The tie rule"), so money that expires first (or is most
/// restricted) is spent first and the most flexible money is what stays unallocated, and, per unit of money, a
/// tranche's rank always outweighs the period; among equal tranches, earlier commitment (earlier delivery) wins.
/// What the weights leave open, the routes money takes within a period, a stage after it decides
/// (<see cref="RouteWeight"/>).
/// </summary>
internal sealed class TieRule
{
    private readonly int[] _rank;
    private readonly int _periods;

    public TieRule(AllocationProblem p)
    {
        _periods = p.Periods;
        // Each donor's eligible lines, counted once (not per tranche and line: 4 million checks at research scale).
        var eligibleLines = new int[p.DonorCount];
        foreach (var donors in p.EligibleDonors)
            foreach (var d in donors) eligibleLines[d]++;
        var order = Enumerable.Range(0, p.Tranches.Length)
            .OrderBy(k => p.Tranches[k].Until)
            .ThenBy(k => eligibleLines[p.Tranches[k].Donor])
            .ThenBy(k => k)
            .ToArray();
        _rank = new int[order.Length];
        for (var i = 0; i < order.Length; i++) _rank[order[i]] = i;
    }

    /// <summary>
    /// The second tie-break: what the tranches' weights leave open is which route money takes from the donor groups
    /// (through the hubs) to the pools in a period, for instance group A paying pool X and group B pool Y, or A paying Y
    /// and B paying X. A route from node <paramref name="from"/> to node <paramref name="to"/> (numbered as in
    /// <see cref="MoneyHubs"/>, of <paramref name="nodes"/> in all, pools after the hubs) costs the product of their
    /// numbers, the pool's counted from the last: the swap above then costs <c>(A - B)(Y - X)</c> more one way than the
    /// other, so lower-numbered groups pay lower-numbered pools, as the north-west-corner rule splits a node's money.
    /// Minimised in a stage of its own with every other column fixed where the tie rule left it, so it never trades
    /// against the tranches' weights.
    /// </summary>
    public static double RouteWeight(int from, int to, int nodes) => (from + 1.0) * (nodes - to) / ((double)nodes * nodes);

    /// <summary>The tie-break cost of one unit of money (LP money units) from tranche <paramref name="k"/> committed in <paramref name="t"/>.</summary>
    public double Weight(int k, int t) => (_rank[k] + 1.0) * (_periods + t) / ((double)_rank.Length * 2 * _periods);
}
