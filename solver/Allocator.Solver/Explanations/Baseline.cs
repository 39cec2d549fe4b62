using Allocator.Models;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;
using Allocator.Solver.Results;

namespace Allocator.Solver.Explanations;

/// <summary>
/// The plan a careful planner would make by hand in a spreadsheet, to measure what optimisation adds. It is greedy but
/// honest: it serves the most valuable needs first, buys where it is cheapest, and never buys what adds no value.
/// <list type="number">
/// <item>Needs are served one at a time: most urgent tier first (with tiers), then by value per unit
/// (<c>priority / quantity</c>) from high to low, then by due date, then in input order.</item>
/// <item>For a need, the lines of its category that some donor may fund are ranked by unit cost, cheapest first (the
/// shorter lead time first among equally cheap ones, then input order). On-time deliveries come first: the cheapest
/// line's capacity in every period up to <c>dueBy</c>, then the next line's. Then late deliveries, earliest period
/// first (value fades), cheapest line first within a period, as long as a late unit still has value.</item>
/// <item>Each purchase is paid from donors' money in input order (donor by donor, tranche by tranche), using only
/// tranches that may fund the line and are open when the money must be committed (delivery period minus lead time),
/// and never more than a tranche has left.</item>
/// <item>With a producer-share cap, producers above the cap are trimmed back to it (their purchases shrink in
/// proportion), and the freed needs are served again from the other producers' lines, up to three times.</item>
/// </list>
/// Every contract constraint holds by construction: windows, earmarks, lead times inside the horizon, budgets,
/// capacities, quantities and the share cap. Slips (contract 1.1, section 4) do not steer the choices, as a planner
/// working from due dates would not; the plan's deliveries are still valued at their expected value.
/// </summary>
internal static class Baseline
{
    public const string Method =
        "needs one at a time, most urgent tier first, then highest value per unit (priority / quantity), then earliest due date; " +
        "each bought on time from the cheapest eligible line first (shorter lead time among equal prices), then late while late units still count; " +
        "paid from donors' money in input order; producers above the share cap trimmed back to it and the rest bought elsewhere";

    private sealed record Purchase(int Tranche, int Line, int T, double Money, double Units, int Need, int S);

    /// <summary>The hand-made plan, assembled exactly like an optimised one (so the same checks apply).</summary>
    public static AllocationResult Plan(AllocationRequest request, AllocationProblem p)
    {
        var purchases = Build(p);
        var commitments = purchases.Select(x => new Commitment(x.Tranche, x.Line, x.T, x.Money)).ToList();
        var needUnits = p.Needs.Select(_ => new double[p.Periods]).ToArray();
        var bySlip = p.HasSlips ? p.SlipProfiles.Select(_ => p.Needs.Select(_ => new double[p.Periods]).ToArray()).ToArray() : null;
        foreach (var x in purchases)
        {
            needUnits[x.Need][x.S] += x.Units;
            if (bySlip is not null) bySlip[p.SlipOf(x.Line)][x.Need][x.S] += x.Units;
        }
        var diagnostics = new Diagnostics
        {
            Backend = "baseline",
            Variables = 0,
            Constraints = 0,
            SolveSeconds = 0,
            InputSha256 = "",
        };
        return PlanAssembler.Assemble(request, p, new PlanDraft(commitments, needUnits, bySlip), LpStatus.Feasible,
            "hand-made baseline: " + Method, diagnostics);
    }

    private static List<Purchase> Build(AllocationProblem p)
    {
        var budget = p.Tranches.Select(k => k.Budget).ToArray();
        var capacity = p.Lines.Select(l => (double[])l.Capacity.Clone()).ToArray();
        var purchases = new List<Purchase>();
        var order = Enumerable.Range(0, p.Needs.Length)
            .OrderBy(n => p.Needs[n].Stage)
            .ThenByDescending(n => p.Needs[n].Priority / p.Needs[n].Quantity)
            .ThenBy(n => p.Needs[n].DueBy)
            .ThenBy(n => n)
            .ToList();
        var excluded = new HashSet<int>(); // producers trimmed to the share cap

        for (var round = 0; round < 3; round++)
        {
            var received = new double[p.Needs.Length];
            foreach (var x in purchases) received[x.Need] += x.Units;
            foreach (var n in order)
                Serve(p, n, p.Needs[n].Quantity - received[n], budget, capacity, excluded, purchases);
            var capped = TrimToShareCap(p, purchases, budget, capacity);
            if (capped.Count == 0 || !capped.Except(excluded).Any()) break;
            excluded.UnionWith(capped);
        }
        return purchases.Where(x => x.Money > 0 && x.Units > 0).ToList();
    }

    /// <summary>Buys up to <paramref name="wanted"/> units for need <paramref name="n"/>.</summary>
    private static void Serve(AllocationProblem p, int n, double wanted, double[] budget, double[][] capacity,
        HashSet<int> excluded, List<Purchase> purchases)
    {
        var need = p.Needs[n];
        if (wanted <= Tiny(need.Quantity)) return;
        var lines = Enumerable.Range(0, p.Lines.Length)
            .Where(l => p.Lines[l].Category == need.Category && p.EligibleDonors[l].Length > 0 && !excluded.Contains(p.Lines[l].Producer))
            .OrderBy(l => p.Lines[l].UnitCost).ThenBy(l => p.Lines[l].LeadTime).ThenBy(l => l)
            .ToList();
        // On time: cheapest line first, every period up to dueBy.
        foreach (var l in lines)
            for (var s = p.Lines[l].LeadTime; s <= need.DueBy && wanted > Tiny(need.Quantity); s++)
                wanted -= Buy(p, n, l, s, wanted, budget, capacity, purchases);
        // Late: earliest period first, cheapest line first, while a late unit still counts.
        for (var s = need.DueBy + 1; s < p.Periods && need.Freshness(s) > 0 && wanted > Tiny(need.Quantity); s++)
            foreach (var l in lines)
                if (s >= p.Lines[l].LeadTime && wanted > Tiny(need.Quantity))
                    wanted -= Buy(p, n, l, s, wanted, budget, capacity, purchases);
    }

    /// <summary>Buys what line <paramref name="l"/> can deliver in <paramref name="s"/> and donors can pay; returns the units.</summary>
    private static double Buy(AllocationProblem p, int n, int l, int s, double wanted, double[] budget, double[][] capacity,
        List<Purchase> purchases)
    {
        var line = p.Lines[l];
        var t = s - line.LeadTime;
        var units = Math.Min(wanted, capacity[l][s]);
        if (t < 0 || units <= 0) return 0;
        var cost = units * line.UnitCost;
        var bought = 0.0;
        for (var k = 0; k < p.Tranches.Length && cost - bought > 0; k++)
        {
            if (budget[k] <= 0 || !p.CanCommit(k, l, t)) continue;
            var pay = Math.Min(budget[k], cost - bought);
            budget[k] -= pay;
            bought += pay;
            purchases.Add(new Purchase(k, l, t, pay, pay / line.UnitCost, n, s));
        }
        var got = bought / line.UnitCost;
        capacity[l][s] = Math.Max(0, capacity[l][s] - got);
        return got;
    }

    /// <summary>
    /// Shrinks producers above the share cap so that every producer's money is at most <c>m</c> times the total. The
    /// largest total <c>C</c> with <c>sum_p min(M_p, m C) &gt;= C</c> is found by bisection; each producer keeps
    /// <c>min(M_p, m C)</c>, so its share of the new total (at least <c>C</c>) is at most <c>m</c>. Money and capacity
    /// freed go back to their tranches and lines. Returns the producers trimmed.
    /// </summary>
    private static HashSet<int> TrimToShareCap(AllocationProblem p, List<Purchase> purchases, double[] budget, double[][] capacity)
    {
        var trimmed = new HashSet<int>();
        if (p.MaxProducerShare is not { } m || m >= 1 || purchases.Count == 0) return trimmed;
        var money = new double[p.ProducerCount];
        foreach (var x in purchases) money[p.Lines[x.Line].Producer] += x.Money;
        var total = money.Sum();
        if (money.All(x => x <= m * total)) return trimmed;

        double Surplus(double c) => money.Sum(x => Math.Min(x, m * c)) - c;
        double low = 0, high = total;
        for (var i = 0; i < 200 && high - low > 1e-15 * total; i++)
        {
            var mid = (low + high) / 2;
            if (Surplus(mid) >= 0) low = mid; else high = mid;
        }
        // A hair below the cap, so that rounding in the report cannot push a producer over it.
        var level = m * low * (1 - 1e-12);
        for (var i = 0; i < purchases.Count; i++)
        {
            var x = purchases[i];
            var producer = p.Lines[x.Line].Producer;
            if (money[producer] <= level) continue;
            trimmed.Add(producer);
            var keep = level / money[producer];
            budget[x.Tranche] += x.Money * (1 - keep);
            capacity[x.Line][x.S] += x.Units * (1 - keep);
            purchases[i] = x with { Money = x.Money * keep, Units = x.Units * keep };
        }
        return trimmed;
    }

    private static double Tiny(double quantity) => 1e-9 * Math.Max(1, quantity);
}
