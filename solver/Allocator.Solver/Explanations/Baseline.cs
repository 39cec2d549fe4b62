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
/// <item>Re-planning (contract 1.1, section 2): signed money is spent first, as signed; its units go to the needs in
/// the same order (on time, earliest delivery first, then late while a late unit still counts) before anything is
/// bought, and are never trimmed. Nothing new is bought with money committed before <c>asOf</c>.</item>
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

    /// <summary>
    /// Money of a tranche on a line in commit period <c>T</c>, and the units it buys, delivered in <c>S</c> to a need.
    /// Contract 1.1: signed money is a purchase of no need (<see cref="Signed"/>); its units reach needs through
    /// purchases of no tranche and no money (<see cref="Prepaid"/>).
    /// </summary>
    private sealed record Purchase(int Tranche, int Line, int T, double Money, double Units, int Need, int S)
    {
        public const int Signed = -1, Prepaid = -1;

        /// <summary>Signed money, or the units it bought: kept as they are when producers are trimmed.</summary>
        public bool Committed => Need == Signed || Tranche == Prepaid;
    }

    /// <summary>The hand-made plan, assembled exactly like an optimised one (so the same checks apply).</summary>
    public static AllocationResult Plan(AllocationRequest request, AllocationProblem p) => Plan(request, p, Draft(p));

    /// <summary>The hand-made plan from its <paramref name="draft"/> (<see cref="Draft"/>), assembled like an optimised one.</summary>
    public static AllocationResult Plan(AllocationRequest request, AllocationProblem p, PlanDraft draft)
    {
        var diagnostics = new Diagnostics
        {
            Backend = "baseline",
            Variables = 0,
            Constraints = 0,
            SolveSeconds = 0,
            InputSha256 = "",
        };
        return PlanAssembler.Assemble(request, p, draft, LpStatus.Feasible, "hand-made baseline: " + Method, diagnostics);
    }

    /// <summary>
    /// The hand-made plan's money and deliveries, for <see cref="PlanAssembler"/> (also the engine's plan when the time
    /// limit stops the solver before it has one: <see cref="Results.BaselineFallback"/>).
    /// </summary>
    public static PlanDraft Draft(AllocationProblem p)
    {
        var purchases = Build(p);
        var commitments = purchases.Where(x => x.Tranche != Purchase.Prepaid).Select(x => new Commitment(x.Tranche, x.Line, x.T, x.Money)).ToList();
        var needUnits = p.Needs.Select(_ => new double[p.Periods]).ToArray();
        var bySlip = p.HasSlips ? p.SlipProfiles.Select(_ => p.Needs.Select(_ => new double[p.Periods]).ToArray()).ToArray() : null;
        foreach (var x in purchases)
        {
            if (x.Need == Purchase.Signed) continue;
            needUnits[x.Need][x.S] += x.Units;
            if (bySlip is not null) bySlip[p.SlipOf(x.Line)][x.Need][x.S] += x.Units;
        }
        return new PlanDraft(commitments, needUnits, bySlip);
    }

    private static List<Purchase> Build(AllocationProblem p)
    {
        var budget = p.Tranches.Select(k => k.Budget).ToArray();
        var capacity = p.Lines.Select(l => (double[])l.Capacity.Clone()).ToArray();
        var purchases = new List<Purchase>();
        var prepaid = Sign(p, budget, capacity, purchases);
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
            foreach (var x in purchases)
                if (x.Need != Purchase.Signed) received[x.Need] += x.Units;
            var shelves = new Shelves(p, capacity, excluded);
            foreach (var n in order)
            {
                var wanted = p.Needs[n].Quantity - received[n];
                wanted -= HandOut(p, n, wanted, prepaid, purchases);
                Serve(p, n, wanted, budget, capacity, shelves, purchases);
            }
            var capped = TrimToShareCap(p, purchases, budget, capacity);
            if (capped.Count == 0 || !capped.Except(excluded).Any()) break;
            excluded.UnionWith(capped);
        }
        return purchases.Where(x => x.Units > 0 && (x.Money > 0 || x.Tranche == Purchase.Prepaid)).ToList();
    }

    /// <summary>Units that signed money bought on a line for delivery in <c>S</c>, and how many are not yet handed out.</summary>
    private sealed record SignedUnits(int Line, int S)
    {
        public double Left { get; set; }
    }

    /// <summary>
    /// Contract 1.1: spends the signed money as signed (out of the tranches' budgets and the lines' capacities) and
    /// returns, per category, the units it bought, by line and delivery period, for <see cref="HandOut"/>.
    /// </summary>
    private static List<SignedUnits>[] Sign(AllocationProblem p, double[] budget, double[][] capacity, List<Purchase> purchases)
    {
        var prepaid = Enumerable.Range(0, p.CategoryCount).Select(_ => new List<SignedUnits>()).ToArray();
        var units = new Dictionary<(int Line, int S), double>();
        foreach (var ((k, l, t), amount) in p.Signed.OrderBy(c => c.Key))
        {
            var line = p.Lines[l];
            var s = t + line.LeadTime;
            budget[k] = Math.Max(0, budget[k] - amount);
            var bought = amount / line.UnitCost;
            capacity[l][s] = Math.Max(0, capacity[l][s] - bought);
            purchases.Add(new Purchase(k, l, t, amount, bought, Purchase.Signed, s));
            units[(l, s)] = units.GetValueOrDefault((l, s)) + bought;
        }
        // Handed out earliest delivery first, then in input order of the lines.
        foreach (var ((l, s), bought) in units.OrderBy(u => u.Key.S).ThenBy(u => u.Key.Line))
            prepaid[p.Lines[l].Category].Add(new SignedUnits(l, s) { Left = bought });
        return prepaid;
    }

    /// <summary>
    /// Contract 1.1: gives need <paramref name="n"/> up to <paramref name="wanted"/> units that signed money bought: on
    /// time first, then late while a late unit still counts. Returns the units given.
    /// </summary>
    private static double HandOut(AllocationProblem p, int n, double wanted, List<SignedUnits>[] prepaid, List<Purchase> purchases)
    {
        var need = p.Needs[n];
        var enough = Tiny(need.Quantity);
        var given = 0.0;
        foreach (var late in new[] { false, true })
            foreach (var stock in prepaid[need.Category])
            {
                if (wanted - given <= enough) return given;
                var s = stock.S;
                if (stock.Left <= 0 || (late ? s <= need.DueBy || need.Freshness(s) <= 0 : s > need.DueBy)) continue;
                var units = Math.Min(stock.Left, wanted - given);
                stock.Left -= units;
                given += units;
                purchases.Add(new Purchase(Purchase.Prepaid, stock.Line, s - p.Lines[stock.Line].LeadTime, 0, units, n, s));
            }
        return given;
    }

    /// <summary>Buys up to <paramref name="wanted"/> units for need <paramref name="n"/>.</summary>
    private static void Serve(AllocationProblem p, int n, double wanted, double[] budget, double[][] capacity,
        Shelves shelves, List<Purchase> purchases)
    {
        var need = p.Needs[n];
        var enough = Tiny(need.Quantity);
        if (wanted <= enough) return;
        var lines = shelves.Lines(need.Category);
        // On time: cheapest line first, every period up to dueBy. Lines that cannot deliver by dueBy (sold out, too slow,
        // or no money left for them) are skipped in O(1) (Shelves), so 100,000 lines and 600 needs take a second, not minutes.
        var onTime = OnTimeBy(need.DueBy);
        for (var i = shelves.NextInStock(need.Category, onTime, 0); i < lines.Count && wanted > enough; i = shelves.NextInStock(need.Category, onTime, i + 1))
        {
            var l = lines[i];
            for (var s = p.Lines[l].LeadTime; s <= need.DueBy && wanted > enough; s++)
                if (shelves.CanDeliver(l, s))
                    wanted -= shelves.Bought(l, s, wanted, Buy(p, n, l, s, wanted, budget, capacity, purchases));
        }
        // Late: earliest period first, cheapest line first, while a late unit still counts.
        for (var s = need.DueBy + 1; s < p.Periods && need.Freshness(s) > 0 && wanted > enough; s++)
            for (var i = shelves.NextInStock(need.Category, s, 0); i < lines.Count && wanted > enough; i = shelves.NextInStock(need.Category, s, i + 1))
            {
                var l = lines[i];
                if (shelves.CanDeliver(l, s))
                    wanted -= shelves.Bought(l, s, wanted, Buy(p, n, l, s, wanted, budget, capacity, purchases));
            }
    }

    /// <summary>
    /// For <see cref="Shelves.NextInStock"/>: a line that can still deliver, with money to pay it, in some period up to
    /// <paramref name="dueBy"/> (the periods themselves are keys 0 and up).
    /// </summary>
    private static int OnTimeBy(int dueBy) => -1 - dueBy;

    /// <summary>
    /// Each category's fundable lines, cheapest first (shorter lead time among equal prices, then input order), sorted
    /// once per round rather than once per need, with, per category and delivery period (and per due period, for
    /// deliveries on time), a skip list over the lines that cannot deliver there (union-find "next in stock" pointers
    /// with path halving). A line skipped stays skipped for the round: capacity only falls and pools only run out of
    /// money until TrimToShareCap gives some back, and a new round builds new shelves.
    /// </summary>
    private sealed class Shelves
    {
        private readonly double[][] _capacity;
        private readonly List<int>[] _lines;
        private readonly Dictionary<(int Category, int Key), int[]> _next = [];
        private readonly AllocationProblem _p;
        private readonly PoolIndex _pools;
        private readonly bool[][] _broke; // [pool][t]

        public Shelves(AllocationProblem p, double[][] capacity, HashSet<int> excluded)
        {
            (_p, _capacity) = (p, capacity);
            _pools = PoolIndex.Build(p);
            _broke = Enumerable.Range(0, _pools.PoolCount).Select(_ => new bool[p.Periods]).ToArray();
            _lines = Enumerable.Range(0, p.CategoryCount).Select(_ => new List<int>()).ToArray();
            foreach (var l in Enumerable.Range(0, p.Lines.Length)
                .Where(l => p.EligibleDonors[l].Length > 0 && !excluded.Contains(p.Lines[l].Producer))
                .OrderBy(l => p.Lines[l].UnitCost).ThenBy(l => p.Lines[l].LeadTime).ThenBy(l => l))
                _lines[p.Lines[l].Category].Add(l);
        }

        public IReadOnlyList<int> Lines(int category) => _lines[category];

        /// <summary>
        /// Notes a purchase of <paramref name="units"/> of the <paramref name="wanted"/> on line <paramref name="l"/> for
        /// delivery in <paramref name="s"/> (capacity was left before it); returns <paramref name="units"/>.
        /// </summary>
        public double Bought(int l, int s, double wanted, double units)
        {
            // Capacity left but the purchase fell short: every tranche that may pay the line in t is spent, for the rest
            // of the round (budgets only come back in TrimToShareCap), and so for every line of its pool.
            if (_capacity[l][s] > 0 && units < wanted)
                _broke[_pools.PoolOfLine[l]][s - _p.Lines[l].LeadTime] = true;
            return units;
        }

        /// <summary>Whether some tranche that may pay line <paramref name="l"/> in <paramref name="t"/> may still have money left.</summary>
        private bool CanPay(int l, int t) => !_broke[_pools.PoolOfLine[l]][t];

        /// <summary>
        /// The first position at or after <paramref name="from"/> whose line can deliver in period <paramref name="key"/>
        /// (in some period up to a due period, for a key of <see cref="OnTimeBy"/>): capacity left there, and a pool
        /// not out of money in the period it would be paid.
        /// </summary>
        public int NextInStock(int category, int key, int from)
        {
            var lines = _lines[category];
            if (!_next.TryGetValue((category, key), out var next))
                _next[(category, key)] = next = Enumerable.Range(0, lines.Count + 1).ToArray();
            var i = from;
            while (i < lines.Count)
            {
                if (next[i] != i) { next[i] = next[next[i]]; i = next[i]; continue; }
                if (key >= 0 ? CanDeliver(lines[i], key) : CanDeliverBy(lines[i], -1 - key)) return i;
                next[i] = i + 1; // not for the rest of the round (see the class)
            }
            return lines.Count;
        }

        /// <summary>Whether line <paramref name="l"/> can still deliver in <paramref name="s"/>: capacity left there, and money to pay it in time.</summary>
        public bool CanDeliver(int l, int s) => s >= _p.Lines[l].LeadTime && _capacity[l][s] > 0 && CanPay(l, s - _p.Lines[l].LeadTime);

        private bool CanDeliverBy(int l, int dueBy)
        {
            for (var s = _p.Lines[l].LeadTime; s <= dueBy; s++)
                if (CanDeliver(l, s)) return true;
            return false;
        }
    }

    /// <summary>Buys what line <paramref name="l"/> can deliver in <paramref name="s"/> and donors can pay; returns the units.</summary>
    private static double Buy(AllocationProblem p, int n, int l, int s, double wanted, double[] budget, double[][] capacity,
        List<Purchase> purchases)
    {
        var line = p.Lines[l];
        var t = s - line.LeadTime;
        var units = Math.Min(wanted, capacity[l][s]);
        // Contract 1.1: no new money before asOf.
        if (t < 0 || t < p.AsOf || units <= 0) return 0;
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
        var committed = new double[p.ProducerCount];
        foreach (var x in purchases)
        {
            money[p.Lines[x.Line].Producer] += x.Money;
            if (x.Committed) committed[p.Lines[x.Line].Producer] += x.Money;
        }
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
            if (money[producer] <= level || x.Committed) continue;
            trimmed.Add(producer);
            // Signed money stays: the producer's other purchases shrink to what is left under the cap.
            var free = money[producer] - committed[producer];
            var keep = free > 0 ? Math.Max(0, level - committed[producer]) / free : 1;
            budget[x.Tranche] += x.Money * (1 - keep);
            capacity[x.Line][x.S] += x.Units * (1 - keep);
            purchases[i] = x with { Money = x.Money * keep, Units = x.Units * keep };
        }
        return trimmed;
    }

    private static double Tiny(double quantity) => 1e-9 * Math.Max(1, quantity);
}
