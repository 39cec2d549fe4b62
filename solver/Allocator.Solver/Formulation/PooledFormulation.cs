using Allocator.Solver.Lp;
using Allocator.Solver.Problem;

namespace Allocator.Solver.Formulation;

/// <summary>
/// The contract's LP, reformulated exactly so that its size grows with lines + tranches rather than with
/// tranches × lines (docs/model.md proves the equivalence):
/// <list type="bullet">
/// <item>Lines funded by exactly the same donors form a <em>pool</em>: any of those donors' money can pay any
/// of the pool's lines, so money need only reach the pool.</item>
/// <item>Donors that can fund exactly the same pools form a <em>donor group</em>: their tranches' money meets
/// in one node per period and flows on to the group's pools.</item>
/// <item>Units of one category are interchangeable for needs, so deliveries meet in one node per category and
/// period rather than on every line × need pair. With slips (contract 1.1, section 4) the node is per category, slip
/// profile and period (<see cref="DeliveryClasses"/>): only lines that slip alike are interchangeable.</item>
/// <item>Pairs of donor groups (or hubs) that feed many pools together feed them through one <em>hub</em>
/// (<see cref="MoneyHubs"/>), so group→pool arcs stop growing as groups × pools when earmarks are independent.</item>
/// <item>Lines no rule can tell apart share one unit column per period (<see cref="IdenticalLines"/>).</item>
/// </list>
/// Afterwards <see cref="Extract"/> splits the pooled flows back into per-tranche, per-line rows.
/// </summary>
internal sealed class PooledFormulation : IFormulation
{
    private readonly AllocationProblem _p;
    private readonly Scales _scales;
    private readonly PoolIndex _pools;
    private readonly IdenticalLines _identical;

    // Column indices (-1 where the variable does not exist).
    private readonly int[][] _units;        // u[l][t]: units funded on line l in commit period t (LP units); -1 on a line whose identical twin holds them
    private readonly int[][] _trancheMoney; // w[k][t]: money of tranche k committed in period t
    private readonly MoneyRoutes _routes;   // f[from,to,t]: money from a group or hub to a hub or pool
    private readonly int[][][] _needShare;  // z[n][j][s]: fraction of need n's quantity due in s from the j-th class of its category
    private readonly List<(int K, int L, int T, int Column)> _keep = []; // r[k,l,t]: previous money kept (contract 1.1)

    // Contract 1.1: signed money by line and period, and by tranche (empty without commitments).
    private readonly Dictionary<(int Line, int T), double> _signedOnLine = [];
    private readonly double[] _signedOfTranche;

    // Structure computed once, because the builders ask it for every period, group, pool and need.
    private readonly bool[][] _poolBuys;     // [pool][t]: some line of the pool has a unit column in t
    private readonly bool[][] _groupHasMoney; // [group][t]: some tranche of the group has a money column in t
    private readonly bool[][] _classDelivers; // [g][s]: some unit column of delivery class g delivers in s
    private readonly DeliveryClasses _classes;

    // Row indices (-1 where the row does not exist), for Map.
    private readonly int[] _budgetRows;
    private readonly int[][] _poolRows;
    private readonly int[][] _classRows;
    private readonly int[] _needRows;
    private readonly int[] _producerRows;
    private int _totalRow = -1;              // T's definition (AddTotalMoney), when a share cap needs it

    /// <param name="problem">The request, in the solver's terms.</param>
    /// <param name="tieRule">Add <see cref="TieRule"/> as the last stage's objective.</param>
    /// <param name="hubMinimumUse">How many pools a pair of nodes must feed to become a money hub (<see cref="MoneyHubs.MinimumUse"/>).</param>
    public PooledFormulation(AllocationProblem problem, bool tieRule = false, int hubMinimumUse = MoneyHubs.MinimumUse)
    {
        _p = problem;
        _scales = Scales.For(problem);
        _pools = PoolIndex.Build(problem);
        _identical = IdenticalLines.Find(problem, _pools.PoolOfLine);
        _signedOfTranche = new double[problem.Tranches.Length];
        foreach (var ((k, l, t), amount) in problem.Signed)
        {
            _signedOnLine[(l, t)] = _signedOnLine.GetValueOrDefault((l, t)) + amount;
            _signedOfTranche[k] += amount;
        }
        Model = new LpModel();
        _units = AddUnitColumns();
        _poolBuys = Table(_pools.PoolCount, (g, t) => _pools.PoolLines(g).Any(l => _units[l][t] >= 0));
        _classes = DeliveryClasses.Build(problem);
        _classDelivers = Table(_classes.Count, (g, s) => ClassSupplies(g, s).Any());
        _trancheMoney = AddTrancheColumns();
        _groupHasMoney = Table(_pools.GroupCount, (g, t) => _pools.GroupTranches(g).Any(k => _trancheMoney[k][t] >= 0));
        _routes = new MoneyRoutes(Model, MoneyHubs.Build(_pools, hubMinimumUse), Periods, GroupMoney, PoolBuys);
        _needShare = AddNeedColumns();

        _budgetRows = AddTrancheBudgets();
        _poolRows = AddMoneyBalances();
        _classRows = AddDeliveries();
        _needRows = AddNeedQuantities();
        _producerRows = AddProducerShare();
        AddKeepColumns();
        HintRoutes();
        if (tieRule)
        {
            // Kept money (r) bypasses w: its tranche and period are those of its column.
            var rule = new TieRule(problem);
            for (var k = 0; k < _trancheMoney.Length; k++)
                for (var t = 0; t < Periods; t++)
                    if (_trancheMoney[k][t] >= 0) Model.SetTieCoefficient(_trancheMoney[k][t], rule.Weight(k, t));
            foreach (var (k, _, t, r) in _keep)
                Model.SetTieCoefficient(r, rule.Weight(k, t));
            _routes.SetRouteWeights(Model, _pools.PoolCount);
        }
        // Contract 1.1: last, so that a request without lots or minimum orders keeps every index (and its LP) as before.
        // A line with lots never shares its columns (IdenticalLines), so its own column is its units.
        if (_p.HasWholeUnits)
            WholeUnitFormulation.Add(Model, _p, _scales, (l, t) => _units[l][t] >= 0 ? [_units[l][t]] : []);
        // The map answers for every line: a merged line's columns are its representative's (IdenticalLines).
        var unitsOfLine = Enumerable.Range(0, _units.Length).Select(l => _units[_identical.Representative(l)]).ToArray();
        Map = new PooledMap(_scales, _pools, unitsOfLine, _trancheMoney, _needShare, _budgetRows, _poolRows,
            _classRows, _needRows, _producerRows, _classes);
    }

    public LpModel Model { get; }

    public Scales Scales => _scales;

    /// <summary>Where each constraint and variable of the contract lives in <see cref="Model"/> (read-only).</summary>
    public PooledMap Map { get; }

    private int Periods => _p.Periods;

    /// <summary>LP money units per LP unit of line <paramref name="l"/>.</summary>
    private double Cost(int l) => _p.Lines[l].UnitCost * _scales.Units[_p.Lines[l].Category] / _scales.Money;

    // Columns ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Capacity (constraint 2) is the bound of <c>u[l,t]</c>: money in t buys units delivered in t + L. Identical lines
    /// share their representative's column, bounded by their capacities together.
    /// </summary>
    private int[][] AddUnitColumns()
    {
        var columns = new int[_p.Lines.Length][];
        for (var l = 0; l < columns.Length; l++)
        {
            var line = _p.Lines[l];
            columns[l] = Enumerable.Repeat(-1, Periods).ToArray();
            if (!_identical.IsRepresentative(l)) continue;
            for (var t = 0; t < Periods; t++)
            {
                var pool = _pools.PoolOfLine[l];
                // Not t + leadTime <= P - 1: a lead time near int.MaxValue overflowed (Fuzz/regressions/lead-time-int-max.json).
                var delivers = line.LeadTime <= Periods - 1 - t;
                // Contract 1.1: signed units are the column's lower bound; before asOf they are all it may hold. (A line
                // with signed money never shares its columns: IdenticalLines.)
                var signed = _signedOnLine.GetValueOrDefault((l, t)) / (line.UnitCost * _scales.Units[line.Category]);
                var together = delivers ? _identical.Members(l).Sum(m => _p.Lines[m].Capacity[t + line.LeadTime]) : 0;
                if (delivers && pool >= 0 && _pools.Fundable(pool, t) && together > 0 && t >= _p.AsOf)
                {
                    var capacity = together / _scales.Units[line.Category];
                    columns[l][t] = Model.AddColumn(Math.Min(signed, capacity), capacity, money: Cost(l));
                }
                else if (signed > 0)
                    columns[l][t] = Model.AddColumn(signed, signed, money: Cost(l));
            }
        }
        return columns;
    }

    private int[][] AddTrancheColumns() =>
        _p.Tranches.Select((k, i) => Enumerable.Range(0, Periods).Select(t =>
            t >= k.From && t <= k.Until && t >= _p.AsOf && _pools.GroupPools(_pools.GroupOfDonor[k.Donor]).Any(g => PoolBuys(g, t))
                ? Model.AddColumn(0, k.Budget / _scales.Money)
                : -1).ToArray()).ToArray();

    /// <summary>Money of group <paramref name="group"/>'s tranches open in <paramref name="t"/> (LP units), which bounds its arcs.</summary>
    private double GroupMoney(int group, int t) =>
        GroupHasMoney(group, t) ? _pools.GroupTranches(group).Where(k => _trancheMoney[k][t] >= 0).Sum(k => _p.Tranches[k].Budget) / _scales.Money : 0;

    /// <summary>
    /// <c>z[n][j][s]</c>, valued at the expected freshness of a unit due in s from the class (its freshness itself
    /// without slips, when each category has one class).
    /// </summary>
    private int[][][] AddNeedColumns() =>
        _p.Needs.Select((need, n) => _classes.OfCategory(need.Category).Select(g => Enumerable.Range(0, Periods).Select(s =>
            _p.ExpectedFreshness(n, _classes.ProfileOf(g), s) is var fresh && fresh > 0 && _classDelivers[g][s]
                ? Model.AddColumn(0, 1, value: need.Priority * fresh / _scales.Value, stage: need.Stage)
                : -1).ToArray()).ToArray()).ToArray();

    // Constraints --------------------------------------------------------------------------------------------

    /// <summary>Constraint 1: a tranche commits at most its budget, over its window.</summary>
    private int[] AddTrancheBudgets()
    {
        var rows = new int[_p.Tranches.Length];
        for (var k = 0; k < _p.Tranches.Length; k++)
        {
            // Contract 1.1: signed money is fixed on its lines' unit columns; the tranche's columns carry the rest.
            var budget = _signedOfTranche[k] > 0 ? Math.Max(0, _p.Tranches[k].Budget - _signedOfTranche[k]) : _p.Tranches[k].Budget;
            var row = rows[k] = Model.AddRow(double.NegativeInfinity, budget / _scales.Money);
            foreach (var w in _trancheMoney[k].Where(c => c >= 0))
                Model.AddTerm(row, w, 1);
        }
        return rows;
    }

    /// <summary>
    /// Money conservation, the pooled form of <c>x[k,l,t]</c>: in each period, tranches → their donor group's
    /// node → (hubs →) the group's pools → the pool's lines, which turn money into units at their unit cost.
    /// </summary>
    private int[][] AddMoneyBalances()
    {
        var poolRows = Enumerable.Range(0, _pools.PoolCount).Select(_ => Enumerable.Repeat(-1, Periods).ToArray()).ToArray();
        for (var t = 0; t < Periods; t++)
        {
            for (var group = 0; group < _pools.GroupCount; group++)
            {
                if (!GroupHasMoney(group, t)) continue;
                var row = Model.AddRow(0, 0);
                foreach (var k in _pools.GroupTranches(group).Where(k => _trancheMoney[k][t] >= 0))
                    Model.AddTerm(row, _trancheMoney[k][t], 1);
                _routes.AddOutflows(Model, row, group, t);
            }
            _routes.AddHubRows(Model, t);
            for (var pool = 0; pool < _pools.PoolCount; pool++)
            {
                // Before asOf no money flows: the only unit columns are signed ones, fixed by their bounds.
                if (!PoolBuys(pool, t) || t < _p.AsOf) continue;
                // Signed money reaches the pool's lines directly: the flows carry the rest.
                var signed = _pools.PoolLines(pool).Sum(l => _signedOnLine.GetValueOrDefault((l, t))) / _scales.Money;
                var row = poolRows[pool][t] = signed > 0 ? Model.AddRow(-signed, -signed) : Model.AddRow(0, 0);
                _routes.AddInflows(Model, row, pool, t);
                foreach (var l in _pools.PoolLines(pool).Where(l => _units[l][t] >= 0))
                    Model.AddTerm(row, _units[l][t], -Cost(l));
            }
        }
        return poolRows;
    }

    /// <summary>
    /// Constraint 3, pooled by delivery class (category, and slip profile when lines slip): units delivered to needs
    /// due in s come from the class's units funded for s.
    /// </summary>
    private int[][] AddDeliveries()
    {
        var classRows = Enumerable.Range(0, _classes.Count).Select(_ => Enumerable.Repeat(-1, Periods).ToArray()).ToArray();
        var needsOf = _p.Needs.Select((n, i) => (n, i)).ToLookup(x => x.n.Category, x => x.i);
        for (var c = 0; c < _p.CategoryCount; c++)
            for (var j = 0; j < _classes.OfCategory(c).Count; j++)
            {
                var g = _classes.OfCategory(c)[j];
                for (var s = 0; s < Periods; s++)
                {
                    var takers = needsOf[c].Where(n => _needShare[n][j][s] >= 0).ToList();
                    if (takers.Count == 0) continue;
                    var row = classRows[g][s] = Model.AddRow(double.NegativeInfinity, 0);
                    foreach (var n in takers)
                        Model.AddTerm(row, _needShare[n][j][s], _p.Needs[n].Quantity / _scales.Units[c]);
                    foreach (var (l, t) in ClassSupplies(g, s))
                        Model.AddTerm(row, _units[l][t], -1);
                }
            }
        return classRows;
    }

    /// <summary>Constraint 4: a need receives at most its quantity (shares sum to at most 1).</summary>
    private int[] AddNeedQuantities()
    {
        var rows = Enumerable.Repeat(-1, _needShare.Length).ToArray();
        for (var n = 0; n < _needShare.Length; n++)
        {
            var columns = _needShare[n].SelectMany(shares => shares).Where(c => c >= 0).ToList();
            if (columns.Count == 0) continue;
            var row = rows[n] = Model.AddRow(double.NegativeInfinity, 1);
            foreach (var z in columns)
                Model.AddTerm(row, z, 1);
        }
        return rows;
    }

    /// <summary>
    /// Constraint 5: each producer's money is at most <c>m</c> times all committed money. A column for the total
    /// keeps each producer's row as short as its own lines.
    /// </summary>
    private int[] AddProducerShare()
    {
        var rows = Enumerable.Repeat(-1, _p.ProducerCount).ToArray();
        if (_p.MaxProducerShare is not { } share || share >= 1) return rows;
        var total = Model.AddColumn(0, 2 * _p.Tranches.Sum(k => k.Budget) / _scales.Money); // never reached: see AddGroupToPoolColumns
        _totalRow = AddTotalMoney(total);
        var producerRows = new Dictionary<int, int>();
        for (var l = 0; l < _p.Lines.Length; l++)
            for (var t = 0; t < Periods; t++)
            {
                if (_units[l][t] < 0) continue;
                var producer = _p.Lines[l].Producer;
                if (!producerRows.TryGetValue(producer, out var row))
                {
                    row = producerRows[producer] = rows[producer] = Model.AddRow(double.NegativeInfinity, 0);
                    Model.AddTerm(row, total, -share);
                }
                Model.AddTerm(row, _units[l][t], Cost(l));
            }
        return rows;
    }

    /// <summary>
    /// The row that makes <paramref name="total"/> all committed money, <c>T = sum_l c_l sum_t u[l,t]</c>, written as
    /// the money that enters the pools instead: <c>T = sum w + sum r + signed money</c>, plus the units that no pool's
    /// balance row counts (signed units before <c>asOf</c>, or on a line no tranche may fund). The two are equal on every
    /// plan, because every pool row balances its lines' money against what flows in, and the group and hub rows pass
    /// on exactly the tranches' money. Why not the units: that row had a term for every unit column (480,000 on
    /// research-pooled), and HiGHS's simplex pays for a dense row in every iteration whose pivotal row touches it; on
    /// the tranches' columns it has a few thousand (HiGHS alone on research-pooled's value LP: 70.9 s → 58.0 s;
    /// bench/README.md, section 5, ninth round). Not the producers' rows with their slacks as columns, which also
    /// sum to <c>T</c> with a short row: equality rows with explicit slacks took HiGHS 219 s on the same LP.
    /// </summary>
    private int AddTotalMoney(int total)
    {
        var inPoolRow = new HashSet<int>();
        var signedInPools = 0.0;
        for (var pool = 0; pool < _pools.PoolCount; pool++)
            for (var t = 0; t < Periods; t++)
            {
                if (_poolRows[pool][t] < 0) continue;
                foreach (var l in _pools.PoolLines(pool))
                {
                    signedInPools += _signedOnLine.GetValueOrDefault((l, t));
                    if (_units[l][t] >= 0) inPoolRow.Add(_units[l][t]);
                }
            }
        // T - sum w - sum r - (units outside the pool rows) = signed money in the pool rows (r joins in AddKeepColumns).
        var row = Model.AddRow(signedInPools / _scales.Money, signedInPools / _scales.Money);
        Model.AddTerm(row, total, 1);
        foreach (var money in _trancheMoney)
            foreach (var w in money.Where(c => c >= 0))
                Model.AddTerm(row, w, -1);
        for (var l = 0; l < _p.Lines.Length; l++)
            for (var t = 0; t < Periods; t++)
                if (_units[l][t] >= 0 && !inPoolRow.Contains(_units[l][t]))
                    Model.AddTerm(row, _units[l][t], -Cost(l));
        return row;
    }

    /// <summary>
    /// Contract 1.1, least change: <c>r[k,l,t]</c>, money of tranche <c>k</c> that reaches line <c>l</c> in period
    /// <c>t</c> directly, past the pools, up to the previous plan's <c>p[k,l,t]</c> less what is signed there. It
    /// counts in the tranche's budget and in the pool's balance, and a row per line and period keeps it within the
    /// money the line's units cost beyond what is signed. The third stage maximises <c>sum r</c> (minimises its
    /// negative): with value and money held, that minimises <c>D = sum |x - p|</c> (docs/model.md, "Least change").
    /// </summary>
    private void AddKeepColumns()
    {
        if (_p.Previous is not { } previous) return;
        var lineRows = new Dictionary<(int, int), int>();
        foreach (var ((k, l, t), amount) in previous.Money.OrderBy(e => e.Key.Tranche).ThenBy(e => e.Key.Line).ThenBy(e => e.Key.Period))
        {
            var room = amount - _p.SignedAmount(k, l, t);
            var pool = _pools.PoolOfLine[l];
            if (room <= 0 || t < _p.AsOf || _units[l][t] < 0 || pool < 0 || _poolRows[pool][t] < 0 || !_p.CanCommit(k, l, t)) continue;
            var r = Model.AddColumn(0, room / _scales.Money);
            Model.SetChangeCoefficient(r, -1);
            Model.AddTerm(_budgetRows[k], r, 1);
            Model.AddTerm(_poolRows[pool][t], r, 1);
            if (_totalRow >= 0) Model.AddTerm(_totalRow, r, -1);
            if (!lineRows.TryGetValue((l, t), out var row))
            {
                var signed = _signedOnLine.GetValueOrDefault((l, t)) / _scales.Money;
                row = lineRows[(l, t)] = Model.AddRow(double.NegativeInfinity, signed > 0 ? -signed : 0);
                Model.AddTerm(row, _units[l][t], -Cost(l));
            }
            Model.AddTerm(row, r, 1);
            _keep.Add((k, l, t, r));
        }
    }

    /// <summary>
    /// On a re-plan, the first solve starts from the money routes the previous plan used (<see cref="WorkingSetHint"/>):
    /// a month later most money still travels the same way, and with its routes known the value stage is easy; proving
    /// it optimal over every route is what costs (bench/README.md, section 5, tenth round). Only a hint: the solve
    /// prices every other route back in.
    /// </summary>
    private void HintRoutes()
    {
        if (_p.Previous is not { } previous) return;
        var seed = new SortedSet<int>();
        foreach (var (k, l, t) in previous.Money.Keys)
        {
            var pool = _pools.PoolOfLine[l];
            if (t < _p.AsOf || pool < 0) continue;
            seed.UnionWith(_routes.Path(_pools.GroupOfDonor[_p.Tranches[k].Donor], pool, t));
        }
        if (seed.Count > 0) Model.FirstSolveHint = new WorkingSetHint(_routes.Arcs(), [.. seed], "the previous plan's money routes");
    }

    // Reading the plan back ------------------------------------------------------------------------------------

    public PlanDraft Extract(double[] x)
    {
        var commitments = new List<Commitment>();
        // Contract 1.1: signed money and kept money go to their own cells; the pools' flows split the rest.
        var direct = new Dictionary<(int Line, int T), double>(_signedOnLine);
        foreach (var ((k, l, t), amount) in _p.Signed)
            commitments.Add(new Commitment(k, l, t, amount));
        foreach (var (k, l, t, r) in _keep)
        {
            var amount = Money(x[r]);
            if (amount <= 0) continue;
            commitments.Add(new Commitment(k, l, t, amount));
            direct[(l, t)] = direct.GetValueOrDefault((l, t)) + amount;
        }
        for (var t = 0; t < Periods; t++)
        {
            // Tranche → pool, through each donor group's node and the hubs after it.
            var poolInflows = _routes.Split(x, t, _pools.PoolCount, group => GroupHasMoney(group, t)
                ? _pools.GroupTranches(group).Where(k => _trancheMoney[k][t] >= 0).Select(k => (k, Money(x[_trancheMoney[k][t]]))).ToList()
                : null, Money);
            // Pool → lines.
            var units = LineUnits(x, t);
            for (var pool = 0; pool < _pools.PoolCount; pool++)
            {
                if (poolInflows[pool] is not { } inflows) continue;
                var demands = _pools.PoolLines(pool).Where(l => _units[_identical.Representative(l)][t] >= 0)
                    .Select(l => (l, units[l] * _p.Lines[l].UnitCost))
                    .Select(d => direct.Count == 0 ? d : (d.l, Math.Max(0, d.Item2 - direct.GetValueOrDefault((d.l, t))))).ToList();
                inflows.Sort((a, b) => a.Tranche.CompareTo(b.Tranche));
                foreach (var (k, l, amount) in TransportSplit.Split(inflows, demands))
                    commitments.Add(new Commitment(k, l, t, amount));
            }
        }
        var needUnits = _p.Needs.Select(_ => new double[Periods]).ToArray();
        var bySlip = _p.HasSlips ? _p.SlipProfiles.Select(_ => _p.Needs.Select(_ => new double[Periods]).ToArray()).ToArray() : null;
        for (var n = 0; n < _p.Needs.Length; n++)
            for (var j = 0; j < _needShare[n].Length; j++)
                for (var s = 0; s < Periods; s++)
                {
                    if (_needShare[n][j][s] is var z && z < 0) continue;
                    var units = Math.Max(0, x[z]) * _p.Needs[n].Quantity;
                    needUnits[n][s] += units;
                    if (bySlip is not null) bySlip[_classes.ProfileOf(_classes.OfCategory(_p.Needs[n].Category)[j])][n][s] += units;
                }
        return new PlanDraft(commitments, needUnits, bySlip);
    }

    private double Money(double lpMoney) => Math.Max(0, lpMoney) * _scales.Money;

    /// <summary>
    /// Units funded on each line with money committed in <paramref name="t"/>: a shared column's units go to its
    /// identical lines in input order, each up to its capacity (the last takes any rounding left over).
    /// </summary>
    private double[] LineUnits(double[] x, int t)
    {
        var units = new double[_p.Lines.Length];
        for (var r = 0; r < units.Length; r++)
        {
            if (_units[r][t] < 0) continue;
            var line = _p.Lines[r];
            var left = Math.Max(0, x[_units[r][t]]) * _scales.Units[line.Category];
            var members = _identical.Members(r);
            for (var i = 0; i < members.Count && left > 0; i++)
            {
                var m = members[i];
                var share = i == members.Count - 1 ? left : Math.Min(left, _p.Lines[m].Capacity[t + line.LeadTime]);
                units[m] = share;
                left -= share;
            }
        }
        return units;
    }

    // Structure helpers ----------------------------------------------------------------------------------------

    private bool PoolBuys(int pool, int t) => _poolBuys[pool][t];

    private bool GroupHasMoney(int group, int t) => _groupHasMoney[group][t];

    private bool[][] Table(int count, Func<int, int, bool> holds) =>
        Enumerable.Range(0, count).Select(i => Enumerable.Range(0, Periods).Select(t => holds(i, t)).ToArray()).ToArray();

    /// <summary>The funded-unit columns of delivery class <paramref name="g"/> that deliver in period <paramref name="s"/>.</summary>
    private IEnumerable<(int Line, int T)> ClassSupplies(int g, int s) =>
        _pools.LinesOfCategory(_classes.CategoryOf(g))
            .Where(l => _classes.ClassOf(l) == g)
            .Select(l => (l, t: s - _p.Lines[l].LeadTime))
            .Where(x => x.t >= 0 && _units[x.l][x.t] >= 0);
}
