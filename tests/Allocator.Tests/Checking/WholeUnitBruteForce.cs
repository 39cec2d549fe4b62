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

        var best = (Value: -1.0, Committed: 0.0);
        var units = new double[lines.Count];
        void Visit(int l)
        {
            if (l == lines.Count)
            {
                var cost = Enumerable.Range(0, lines.Count).Sum(i => units[i] * spec.UnitCost(lines[i]));
                if (cost > money * (1 + 1e-12)) return;
                var value = Value(request, units);
                if (value > best.Value + 1e-9 * Math.Max(1, best.Value)) best = (value, cost);
                else if (value >= best.Value - 1e-9 * Math.Max(1, best.Value) && cost < best.Committed) best = (Math.Max(value, best.Value), cost);
                return;
            }
            foreach (var u in choices[l])
            {
                units[l] = u;
                Visit(l + 1);
            }
        }
        Visit(0);
        return best;
    }

    /// <summary>The value of funding <paramref name="units"/> on each line: each category's units to its most valuable needs first.</summary>
    private static double Value(AllocationRequest request, double[] units)
    {
        var value = 0.0;
        foreach (var category in request.Needs.Select(n => n.Category).Distinct())
        {
            var supply = request.Lines.Select((l, i) => (l, i)).Where(x => x.l.Category == category).Sum(x => units[x.i]);
            foreach (var need in request.Needs.Where(n => n.Category == category).OrderByDescending(n => SpecTerms.UnitValue(n, 0)))
            {
                var given = Math.Min(supply, need.Quantity);
                value += given * SpecTerms.UnitValue(need, 0);
                supply -= given;
            }
        }
        return value;
    }
}
