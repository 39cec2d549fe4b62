using Allocator.Solver.Lp;

namespace Allocator.Solver.Formulation;

/// <summary>
/// The columns <c>f[from,to,t]</c> on which money travels in each period from the donor groups' nodes, through the
/// hubs (<see cref="MoneyHubs"/>), to the pools; the hubs' balance rows; and, once solved, the split of those flows
/// back into money of named tranches arriving at each pool. <see cref="PooledFormulation"/> owns the group and pool
/// rows and asks this class for their arc terms.
/// </summary>
internal sealed class MoneyRoutes
{
    private readonly MoneyHubs _hubs;
    private readonly Dictionary<(int From, int To, int T), int> _arcs = [];
    private readonly bool[][] _hubRow; // [hub][t]: money can come in and a pool can spend it in t

    /// <param name="model">Where the arc columns go.</param>
    /// <param name="hubs">The nodes and who feeds whom.</param>
    /// <param name="periods">The horizon.</param>
    /// <param name="groupMoney">Money open to a group in a period (LP units; 0 where no tranche of it is open).</param>
    /// <param name="poolBuys">Whether a pool has a line to spend money on in a period.</param>
    public MoneyRoutes(LpModel model, MoneyHubs hubs, int periods, Func<int, int, double> groupMoney, Func<int, int, bool> poolBuys)
    {
        _hubs = hubs;
        // Money open to each node in each period: a hub's is what its two inputs have.
        var money = new double[hubs.NodeCount][];
        for (var node = 0; node < hubs.NodeCount; node++)
        {
            money[node] = new double[periods];
            for (var t = 0; t < periods; t++)
                money[node][t] = node < hubs.GroupCount
                    ? groupMoney(node, t)
                    : money[hubs.HubInputs(node).A][t] + money[hubs.HubInputs(node).B][t];
        }
        // Whether a node can pass money on to a pool that buys in t (hubs come after their inputs: walk backwards).
        var useful = new bool[hubs.NodeCount][];
        for (var node = hubs.NodeCount - 1; node >= 0; node--)
            useful[node] = Enumerable.Range(0, periods).Select(t => hubs.Targets(node).Any(v => Takes(v, t))).ToArray();
        bool Takes(int target, int t) => hubs.IsPoolTarget(target) ? poolBuys(hubs.PoolOfTarget(target), t) : useful[target][t];

        _hubRow = Enumerable.Range(hubs.GroupCount, hubs.HubCount)
            .Select(hub => Enumerable.Range(0, periods).Select(t => money[hub][t] > 0 && useful[hub][t]).ToArray()).ToArray();
        for (var node = 0; node < hubs.NodeCount; node++)
            for (var t = 0; t < periods; t++)
            {
                if (money[node][t] <= 0) continue;
                // Bounded by twice the money open to the node in t: implied by the budgets and never reached, so it
                // changes no optimum and no dual (the explanations raise budgets and read duals), but it gives the
                // certificate's dual bound a finite value for every column (Staging/StageCheck.cs).
                foreach (var target in hubs.Targets(node).Where(v => Takes(v, t)))
                    _arcs[(node, target, t)] = model.AddColumn(0, 2 * money[node][t]);
            }
        if (ModelFiles.Prefix is { } prefix) WriteMap($"{prefix}-routes.tsv");
    }

    /// <summary>
    /// A developer's map of the arcs beside the stages' LP files (<see cref="ModelFiles"/>): one line per arc, its
    /// column, where it comes from, where it goes and its period, in column order, so that experiments on the money
    /// routes can name their columns (<c>bench/highs-lp.sh --among</c>).
    /// </summary>
    private void WriteMap(string path)
    {
        string Node(int v) => _hubs.IsPoolTarget(v) ? $"pool {_hubs.PoolOfTarget(v)}"
            : v < _hubs.GroupCount ? $"group {v}" : $"hub {v - _hubs.GroupCount}";
        File.WriteAllLines(path, _arcs.OrderBy(a => a.Value).Select(a => $"{a.Value}\t{Node(a.Key.From)}\t{Node(a.Key.To)}\t{a.Key.T}")
            .Prepend("column\tfrom\tto\tperiod"));
    }

    /// <summary>Every arc's column, in increasing order.</summary>
    public int[] Arcs() => [.. _arcs.Values.Order()];

    /// <summary>
    /// The arcs money of donor group <paramref name="group"/> takes to <paramref name="pool"/> in <paramref name="t"/>:
    /// exactly one path, since the nodes feeding a pool (or a hub) reach disjoint sets of groups (docs/model.md, "Money
    /// hubs"); empty when the group cannot fund the pool or an arc of the path does not exist in <paramref name="t"/>.
    /// </summary>
    public IEnumerable<int> Path(int group, int pool, int t)
    {
        var path = new List<int>();
        var target = _hubs.PoolTarget(pool);
        var feeders = _hubs.PoolFeeders(pool);
        while (true)
        {
            var from = feeders.FirstOrDefault(v => Reaches(v, group), -1);
            if (from < 0 || !_arcs.TryGetValue((from, target, t), out var arc)) return [];
            path.Add(arc);
            if (from == group) return path;
            target = from;
            var (a, b) = _hubs.HubInputs(from);
            feeders = [a, b];
        }
    }

    /// <summary>Whether money of <paramref name="group"/> can pass through <paramref name="node"/>.</summary>
    private bool Reaches(int node, int group) =>
        node < _hubs.GroupCount ? node == group : Reaches(_hubs.HubInputs(node).A, group) || Reaches(_hubs.HubInputs(node).B, group);

    /// <summary>Sets the tie rule's route weight (<see cref="TieRule.RouteWeight"/>) on every arc.</summary>
    public void SetRouteWeights(LpModel model, int poolCount)
    {
        var nodes = _hubs.NodeCount + poolCount;
        foreach (var ((from, to, _), arc) in _arcs) model.SetRouteCoefficient(arc, TieRule.RouteWeight(from, to, nodes));
    }

    /// <summary>Adds <paramref name="node"/>'s outgoing arcs in <paramref name="t"/> to its balance row, with −1.</summary>
    public void AddOutflows(LpModel model, int row, int node, int t)
    {
        foreach (var target in _hubs.Targets(node))
            if (_arcs.TryGetValue((node, target, t), out var arc))
                model.AddTerm(row, arc, -1);
    }

    /// <summary>Adds the arcs into <paramref name="pool"/> in <paramref name="t"/> to its balance row, with +1.</summary>
    public void AddInflows(LpModel model, int row, int pool, int t)
    {
        foreach (var from in _hubs.PoolFeeders(pool))
            if (_arcs.TryGetValue((from, _hubs.PoolTarget(pool), t), out var arc))
                model.AddTerm(row, arc, 1);
    }

    /// <summary>The hubs' balance rows in <paramref name="t"/> (money in from the two inputs = money out).</summary>
    public void AddHubRows(LpModel model, int t)
    {
        for (var hub = _hubs.GroupCount; hub < _hubs.NodeCount; hub++)
        {
            if (!_hubRow[hub - _hubs.GroupCount][t]) continue;
            var row = model.AddRow(0, 0);
            var (a, b) = _hubs.HubInputs(hub);
            foreach (var from in new[] { a, b }.Order())
                if (_arcs.TryGetValue((from, hub, t), out var arc))
                    model.AddTerm(row, arc, 1);
            AddOutflows(model, row, hub, t);
        }
    }

    /// <summary>
    /// Period <paramref name="t"/>'s money by tranche at each pool: each group's tranches (<paramref name="groupSupplies"/>,
    /// null for a group without money in t) are split over its arcs, then each hub's receipts over its own, node by
    /// node in order (inputs first), by the north-west-corner rule (<see cref="TransportSplit"/>).
    /// </summary>
    /// <param name="x">The LP's solution.</param>
    /// <param name="t">The period.</param>
    /// <param name="poolCount">Pools, for the result's length.</param>
    /// <param name="groupSupplies">A group's tranches and their money in t.</param>
    /// <param name="money">LP money to base-currency money.</param>
    public List<(int Tranche, double Amount)>?[] Split(double[] x, int t, int poolCount,
        Func<int, List<(int Tranche, double Amount)>?> groupSupplies, Func<double, double> money)
    {
        var poolInflows = new List<(int Tranche, double Amount)>?[poolCount];
        var hubInflows = new SortedDictionary<int, double>?[_hubs.HubCount];
        for (var node = 0; node < _hubs.NodeCount; node++)
        {
            var supplies = node < _hubs.GroupCount
                ? groupSupplies(node)
                : hubInflows[node - _hubs.GroupCount]?.Select(p => (p.Key, p.Value)).ToList();
            if (supplies is null) continue;
            var demands = _hubs.Targets(node).Where(v => _arcs.ContainsKey((node, v, t)))
                .Select(v => (v, money(x[_arcs[(node, v, t)]]))).ToList();
            foreach (var (k, v, amount) in TransportSplit.Split(supplies, demands))
            {
                if (_hubs.IsPoolTarget(v))
                    (poolInflows[_hubs.PoolOfTarget(v)] ??= []).Add((k, amount));
                else
                {
                    var into = hubInflows[v - _hubs.GroupCount] ??= [];
                    into[k] = into.GetValueOrDefault(k) + amount;
                }
            }
        }
        return poolInflows;
    }
}
