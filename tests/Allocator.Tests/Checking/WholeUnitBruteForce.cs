using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>
/// The integer optimum of a tiny request with lots, by enumeration, independent of any solver. It handles requests
/// of one period, lead times 0, no earmarks and no policy, where every line has a lot size: then any tranche may
/// pay any line, so a choice of lot counts is feasible exactly when its cost fits all the money together
/// (co-financing), and units of a category go to its needs in order of unit value (deliveries are continuous).
/// Returns the contract's lexicographic optimum: the largest value, then the least money among plans within 1e-9
/// of it.
/// </summary>
public static class WholeUnitBruteForce
{
    public static (double Value, double Committed) Solve(AllocationRequest request)
    {
        var (values, committed) = SolveTiered(request);
        return (values.Sum(), committed);
    }

    /// <summary>
    /// With urgency tiers: each tier's value, most urgent first (needs without a tier last), maximised one tier after
    /// the other, then the least money. Units of a category go to the most urgent tier's needs first.
    /// </summary>
    public static (double[] Values, double Committed) SolveTiered(AllocationRequest request)
    {
        var spec = new SpecTerms(request);
        if (spec.Periods != 1 || request.Policy is not null || request.Lines.Any(l => l.LeadTime != 0 || l.LotSize is null)
            || request.Donors.Any(d => d.Eligibility is not null))
            throw new ArgumentException("the brute force handles one period, lead times 0, no earmarks, no policy and a lot size on every line");
        var money = request.Donors.SelectMany(d => d.Tranches).Sum(spec.Budget);
        var lines = request.Lines;
        var choices = lines.Select(l =>
        {
            var lot = l.LotSize!.Value;
            var most = (int)Math.Floor(l.Capacity.At(0) / lot + 1e-12);
            return Enumerable.Range(0, most + 1).Select(k => k * lot)
                .Where(units => units == 0 || units >= (l.MinimumOrder ?? 0)).ToArray();
        }).ToArray();

        var tiers = request.Needs.Select(Tier).Distinct().Order().ToList();
        double[]? bestValues = null;
        var bestCost = 0.0;
        var units = new double[lines.Count];
        // -1, 0 or 1 as a is lexicographically below, within 1e-9 of, or above b.
        static int Compare(double[] a, double[] b)
        {
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] > b[i] + 1e-9 * Math.Max(1, b[i])) return 1;
                if (a[i] < b[i] - 1e-9 * Math.Max(1, b[i])) return -1;
            }
            return 0;
        }
        void Visit(int l)
        {
            if (l == lines.Count)
            {
                var cost = Enumerable.Range(0, lines.Count).Sum(i => units[i] * spec.UnitCost(lines[i]));
                if (cost > money * (1 + 1e-12)) return;
                var values = Values(request, tiers, units);
                var order = bestValues is null ? 1 : Compare(values, bestValues);
                if (order > 0 || (order == 0 && cost < bestCost)) (bestValues, bestCost) = (values, cost);
                return;
            }
            foreach (var u in choices[l])
            {
                units[l] = u;
                Visit(l + 1);
            }
        }
        Visit(0);
        return (bestValues!, bestCost);
    }

    private static int Tier(Need need) => need.Tier ?? int.MaxValue;

    /// <summary>
    /// Each tier's value from funding <paramref name="units"/> on each line: each category's units to the most urgent
    /// tier first, within a tier to its most valuable needs first.
    /// </summary>
    private static double[] Values(AllocationRequest request, List<int> tiers, double[] units)
    {
        var values = new double[tiers.Count];
        foreach (var category in request.Needs.Select(n => n.Category).Distinct())
        {
            var supply = request.Lines.Select((l, i) => (l, i)).Where(x => x.l.Category == category).Sum(x => units[x.i]);
            foreach (var need in request.Needs.Where(n => n.Category == category).OrderBy(Tier).ThenByDescending(n => SpecTerms.UnitValue(n, 0)))
            {
                var given = Math.Min(supply, need.Quantity);
                values[tiers.IndexOf(Tier(need))] += given * SpecTerms.UnitValue(need, 0);
                supply -= given;
            }
        }
        return values;
    }
}
