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
/// period rather than on every line × need pair.</item>
/// </list>
/// Afterwards <see cref="Extract"/> splits the pooled flows back into per-tranche, per-line rows.
/// </summary>
internal sealed class PooledFormulation : IFormulation
{
    private readonly AllocationProblem _p;
    private readonly Scales _scales;
    private readonly PoolIndex _pools;

    // Column indices (-1 where the variable does not exist).
    private readonly int[][] _units;        // u[l][t]: units funded on line l in commit period t (LP units)
    private readonly int[][] _trancheMoney; // w[k][t]: money of tranche k committed in period t
    private readonly Dictionary<(int Group, int Pool, int T), int> _groupToPool = []; // f[G,g,t]
    private readonly int[][] _needShare;    // z[n][s]: fraction of need n's quantity delivered in period s

    // Structure computed once, because the builders ask it for every period, group, pool and need.
    private readonly bool[][] _poolBuys;     // [pool][t]: some line of the pool has a unit column in t
    private readonly bool[][] _groupHasMoney; // [group][t]: some tranche of the group has a money column in t
    private readonly bool[][] _categoryDelivers; // [c][s]: some unit column of category c delivers in s

    // Row indices (-1 where the row does not exist), for Map.
    private readonly int[] _budgetRows;
    private readonly int[][] _poolRows;
    private readonly int[][] _categoryRows;
    private readonly int[] _needRows;
    private readonly int[] _producerRows;

    public PooledFormulation(AllocationProblem problem)
    {
        _p = problem;
        _scales = Scales.For(problem);
        _pools = PoolIndex.Build(problem);
        Model = new LpModel();
        _units = AddUnitColumns();
        _poolBuys = Table(_pools.PoolCount, (g, t) => _pools.PoolLines(g).Any(l => _units[l][t] >= 0));
        _categoryDelivers = Table(_p.CategoryCount, (c, s) => CategorySupplies(c, s).Any());
        _trancheMoney = AddTrancheColumns();
        _groupHasMoney = Table(_pools.GroupCount, (g, t) => _pools.GroupTranches(g).Any(k => _trancheMoney[k][t] >= 0));
        AddGroupToPoolColumns();
        _needShare = AddNeedColumns();

        _budgetRows = AddTrancheBudgets();
        _poolRows = AddMoneyBalances();
        _categoryRows = AddDeliveries();
        _needRows = AddNeedQuantities();
        _producerRows = AddProducerShare();
        // Contract 1.1: last, so that a request without lots or minimum orders keeps every index (and its LP) as before.
        if (_p.HasWholeUnits)
            WholeUnitFormulation.Add(Model, _p, _scales, (l, t) => _units[l][t] >= 0 ? [_units[l][t]] : []);
        Map = new PooledMap(_scales, _pools.PoolOfLine, _units, _trancheMoney, _needShare, _budgetRows, _poolRows,
            _categoryRows, _needRows, _producerRows);
    }

    public LpModel Model { get; }

    public Scales Scales => _scales;

    /// <summary>Where each constraint and variable of the contract lives in <see cref="Model"/> (read-only).</summary>
    public PooledMap Map { get; }

    private int Periods => _p.Periods;

    /// <summary>LP money units per LP unit of line <paramref name="l"/>.</summary>
    private double Cost(int l) => _p.Lines[l].UnitCost * _scales.Units[_p.Lines[l].Category] / _scales.Money;

    // Columns ------------------------------------------------------------------------------------------------

    /// <summary>Capacity (constraint 2) is the bound of <c>u[l,t]</c>: money in t buys units delivered in t + L.</summary>
    private int[][] AddUnitColumns()
    {
        var columns = new int[_p.Lines.Length][];
        for (var l = 0; l < columns.Length; l++)
        {
            var line = _p.Lines[l];
            columns[l] = new int[Periods];
            for (var t = 0; t < Periods; t++)
            {
                var pool = _pools.PoolOfLine[l];
                // Not t + leadTime <= P - 1: a lead time near int.MaxValue overflowed (Fuzz/regressions/lead-time-int-max.json).
                var delivers = line.LeadTime <= Periods - 1 - t;
                columns[l][t] = delivers && pool >= 0 && _pools.Fundable(pool, t) && line.Capacity[t + line.LeadTime] > 0
                    ? Model.AddColumn(0, line.Capacity[t + line.LeadTime] / _scales.Units[line.Category], money: Cost(l))
                    : -1;
            }
        }
        return columns;
    }

    private int[][] AddTrancheColumns() =>
        _p.Tranches.Select((k, i) => Enumerable.Range(0, Periods).Select(t =>
            t >= k.From && t <= k.Until && _pools.GroupPools(_pools.GroupOfDonor[k.Donor]).Any(g => PoolBuys(g, t))
                ? Model.AddColumn(0, k.Budget / _scales.Money)
                : -1).ToArray()).ToArray();

    private void AddGroupToPoolColumns()
    {
        for (var group = 0; group < _pools.GroupCount; group++)
            for (var t = 0; t < Periods; t++)
            {
                if (!GroupHasMoney(group, t)) continue;
                // Bounded by twice the group's money open in t: implied by the budgets and never reached, so it changes
                // no optimum and no dual (the explanations raise budgets and read duals), but it gives the certificate's
                // dual bound a finite value for every column (Staging/StageCheck.cs).
                var open = _pools.GroupTranches(group).Where(k => _trancheMoney[k][t] >= 0).Sum(k => _p.Tranches[k].Budget) / _scales.Money;
                foreach (var pool in _pools.GroupPools(group).Where(g => PoolBuys(g, t)))
                    _groupToPool[(group, pool, t)] = Model.AddColumn(0, 2 * open);
            }
    }

    private int[][] AddNeedColumns() =>
        _p.Needs.Select(need => Enumerable.Range(0, Periods).Select(s =>
            need.Freshness(s) > 0 && _categoryDelivers[need.Category][s]
                ? Model.AddColumn(0, 1, value: need.Priority * need.Freshness(s) / _scales.Value, stage: need.Stage)
                : -1).ToArray()).ToArray();

    // Constraints --------------------------------------------------------------------------------------------

    /// <summary>Constraint 1: a tranche commits at most its budget, over its window.</summary>
    private int[] AddTrancheBudgets()
    {
        var rows = new int[_p.Tranches.Length];
        for (var k = 0; k < _p.Tranches.Length; k++)
        {
            var row = rows[k] = Model.AddRow(double.NegativeInfinity, _p.Tranches[k].Budget / _scales.Money);
            foreach (var w in _trancheMoney[k].Where(c => c >= 0))
                Model.AddTerm(row, w, 1);
        }
        return rows;
    }

    /// <summary>
    /// Money conservation, the pooled form of <c>x[k,l,t]</c>: in each period, tranches → their donor group's
    /// node → the group's pools → the pool's lines, which turn money into units at their unit cost.
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
                foreach (var pool in _pools.GroupPools(group).Where(g => PoolBuys(g, t)))
                    Model.AddTerm(row, _groupToPool[(group, pool, t)], -1);
            }
            for (var pool = 0; pool < _pools.PoolCount; pool++)
            {
                if (!PoolBuys(pool, t)) continue;
                var row = poolRows[pool][t] = Model.AddRow(0, 0);
                foreach (var group in _pools.PoolGroups(pool).Where(group => _groupToPool.ContainsKey((group, pool, t))))
                    Model.AddTerm(row, _groupToPool[(group, pool, t)], 1);
                foreach (var l in _pools.PoolLines(pool).Where(l => _units[l][t] >= 0))
                    Model.AddTerm(row, _units[l][t], -Cost(l));
            }
        }
        return poolRows;
    }

    /// <summary>Constraint 3, pooled by category: units delivered to needs in s come from units funded for s.</summary>
    private int[][] AddDeliveries()
    {
        var categoryRows = Enumerable.Range(0, _p.CategoryCount).Select(_ => Enumerable.Repeat(-1, Periods).ToArray()).ToArray();
        var needsOf = _p.Needs.Select((n, i) => (n, i)).ToLookup(x => x.n.Category, x => x.i);
        for (var c = 0; c < _p.CategoryCount; c++)
            for (var s = 0; s < Periods; s++)
            {
                var takers = needsOf[c].Where(n => _needShare[n][s] >= 0).ToList();
                if (takers.Count == 0) continue;
                var row = categoryRows[c][s] = Model.AddRow(double.NegativeInfinity, 0);
                foreach (var n in takers)
                    Model.AddTerm(row, _needShare[n][s], _p.Needs[n].Quantity / _scales.Units[c]);
                foreach (var (l, t) in CategorySupplies(c, s))
                    Model.AddTerm(row, _units[l][t], -1);
            }
        return categoryRows;
    }

    /// <summary>Constraint 4: a need receives at most its quantity (shares sum to at most 1).</summary>
    private int[] AddNeedQuantities()
    {
        var rows = Enumerable.Repeat(-1, _needShare.Length).ToArray();
        for (var n = 0; n < _needShare.Length; n++)
        {
            var columns = _needShare[n].Where(c => c >= 0).ToList();
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
        var totalRow = Model.AddRow(0, 0);
        Model.AddTerm(totalRow, total, -1);
        var producerRows = new Dictionary<int, int>();
        for (var l = 0; l < _p.Lines.Length; l++)
            for (var t = 0; t < Periods; t++)
            {
                if (_units[l][t] < 0) continue;
                Model.AddTerm(totalRow, _units[l][t], Cost(l));
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

    // Reading the plan back ------------------------------------------------------------------------------------

    public PlanDraft Extract(double[] x)
    {
        var commitments = new List<Commitment>();
        for (var t = 0; t < Periods; t++)
        {
            // Tranche → pool, within each donor group's node.
            var poolInflows = new List<(int Tranche, double Amount)>[_pools.PoolCount];
            for (var group = 0; group < _pools.GroupCount; group++)
            {
                if (!GroupHasMoney(group, t)) continue;
                var supplies = _pools.GroupTranches(group).Where(k => _trancheMoney[k][t] >= 0)
                    .Select(k => (k, Money(x[_trancheMoney[k][t]]))).ToList();
                var demands = _pools.GroupPools(group).Where(g => PoolBuys(g, t))
                    .Select(g => (g, Money(x[_groupToPool[(group, g, t)]]))).ToList();
                foreach (var (k, g, amount) in TransportSplit.Split(supplies, demands))
                    (poolInflows[g] ??= []).Add((k, amount));
            }
            // Pool → lines.
            for (var pool = 0; pool < _pools.PoolCount; pool++)
            {
                if (poolInflows[pool] is not { } inflows) continue;
                var demands = _pools.PoolLines(pool).Where(l => _units[l][t] >= 0)
                    .Select(l => (l, Math.Max(0, x[_units[l][t]]) * _scales.Units[_p.Lines[l].Category] * _p.Lines[l].UnitCost)).ToList();
                inflows.Sort((a, b) => a.Tranche.CompareTo(b.Tranche));
                foreach (var (k, l, amount) in TransportSplit.Split(inflows, demands))
                    commitments.Add(new Commitment(k, l, t, amount));
            }
        }
        var needUnits = _needShare.Select((shares, n) => shares
            .Select(z => z >= 0 ? Math.Max(0, x[z]) * _p.Needs[n].Quantity : 0).ToArray()).ToArray();
        return new PlanDraft(commitments, needUnits);
    }

    private double Money(double lpMoney) => Math.Max(0, lpMoney) * _scales.Money;

    // Structure helpers ----------------------------------------------------------------------------------------

    private bool PoolBuys(int pool, int t) => _poolBuys[pool][t];

    private bool GroupHasMoney(int group, int t) => _groupHasMoney[group][t];

    private bool[][] Table(int count, Func<int, int, bool> holds) =>
        Enumerable.Range(0, count).Select(i => Enumerable.Range(0, Periods).Select(t => holds(i, t)).ToArray()).ToArray();

    /// <summary>The funded-unit columns of category <paramref name="c"/> that deliver in period <paramref name="s"/>.</summary>
    private IEnumerable<(int Line, int T)> CategorySupplies(int c, int s) =>
        _pools.LinesOfCategory(c)
            .Select(l => (l, t: s - _p.Lines[l].LeadTime))
            .Where(x => x.t >= 0 && _units[x.l][x.t] >= 0);
}
