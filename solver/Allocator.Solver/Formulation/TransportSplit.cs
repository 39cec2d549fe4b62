namespace Allocator.Solver.Formulation;

/// <summary>
/// Splits pooled flows back into pairs: supplies are used in order, each filling demands in order (the
/// "north-west corner" rule). Any split of a pool is valid, because every supplier of a pool may serve every
/// demand in it; this one is deterministic and gives at most <c>suppliers + demands - 1</c> rows, which keeps
/// the plan short enough for a planner to read.
/// </summary>
internal static class TransportSplit
{
    /// <summary>
    /// Never gives a supplier more than its supply nor a demand more than it asked. When the totals differ by
    /// the LP's rounding, the excess is left unmatched rather than invented.
    /// </summary>
    public static List<(TSupply Supply, TDemand Demand, double Amount)> Split<TSupply, TDemand>(
        IReadOnlyList<(TSupply Id, double Amount)> supplies, IReadOnlyList<(TDemand Id, double Amount)> demands)
    {
        var pairs = new List<(TSupply, TDemand, double)>();
        var i = 0;
        var left = supplies.Count > 0 ? supplies[0].Amount : 0;
        foreach (var (demand, wanted) in demands)
        {
            var need = wanted;
            while (need > 0 && i < supplies.Count)
            {
                var take = Math.Min(need, left);
                if (take > 0) pairs.Add((supplies[i].Id, demand, take));
                need -= take;
                left -= take;
                if (left <= 0 && ++i < supplies.Count) left = supplies[i].Amount;
            }
        }
        return pairs;
    }
}
