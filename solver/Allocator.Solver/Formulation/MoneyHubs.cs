namespace Allocator.Solver.Formulation;

/// <summary>
/// The paths money takes from donor groups to pools. Without hubs, every group has an arc to every pool it may fund,
/// in every period: on requests with many independent earmarks that is most of the LP (`allocator generate --structure
/// national`: 41 groups, 496 pools, 5,234 group–pool pairs; research: 65,080 pairs, each times 48 periods). A
/// <em>hub</em> is a node fed by two earlier nodes (groups or hubs) that stands in for both wherever pools take money
/// from both: a pool that took arcs from groups A and B takes one arc from the hub instead, and the hub takes one from
/// A and one from B. Hubs are found by repeatedly replacing the pair of nodes that feeds the most pools (a Re-Pair
/// grammar compression of the pools' group sets), while a pair still feeds at least <see cref="MinimumUse"/> pools.
/// <para>
/// Exact: the groups behind a node (its <em>reach</em>) are a set, and a pool's feeders always reach disjoint sets
/// whose union is exactly the groups that may fund it. So money from group G reaches pool g along some path exactly
/// when G may fund g, as with direct arcs (docs/model.md, "Money hubs").
/// </para>
/// </summary>
internal sealed class MoneyHubs
{
    /// <summary>
    /// A hub must save at least this many arcs per period, beyond its own two, to be worth the row it adds. Measured
    /// with the prototype on `--structure national`: 3 gives 261 hubs and 1,940 arcs, 8 gives 111 hubs and 2,287
    /// arcs, 16 gives 50 hubs and 2,838 arcs (from 5,234 pairs).
    /// </summary>
    public const int MinimumUse = 8;

    private readonly List<(int A, int B)> _hubInputs;
    private readonly List<int>[] _poolFeeders;
    private readonly List<int>[] _nodeTargets; // per node: the hubs it feeds (as node ids) and the pools it feeds (as PoolTarget(pool))

    private MoneyHubs(int groupCount, List<(int A, int B)> hubInputs, List<int>[] poolFeeders)
    {
        GroupCount = groupCount;
        _hubInputs = hubInputs;
        _poolFeeders = poolFeeders;
        _nodeTargets = Enumerable.Range(0, NodeCount).Select(_ => new List<int>()).ToArray();
        for (var h = 0; h < hubInputs.Count; h++)
        {
            _nodeTargets[hubInputs[h].A].Add(groupCount + h);
            _nodeTargets[hubInputs[h].B].Add(groupCount + h);
        }
        for (var pool = 0; pool < poolFeeders.Length; pool++)
            foreach (var node in poolFeeders[pool])
                _nodeTargets[node].Add(PoolTarget(pool));
        // Targets in a fixed order (hubs by number, then pools by number), so the LP is the same on every run.
        foreach (var targets in _nodeTargets) targets.Sort();
    }

    /// <summary>Nodes <c>0 .. GroupCount - 1</c> are the donor groups; the rest are hubs, each after its two inputs.</summary>
    public int GroupCount { get; }

    public int NodeCount => GroupCount + _hubInputs.Count;

    public int HubCount => _hubInputs.Count;

    /// <summary>The two nodes that feed hub node <paramref name="node"/> (<c>node &gt;= GroupCount</c>).</summary>
    public (int A, int B) HubInputs(int node) => _hubInputs[node - GroupCount];

    /// <summary>The nodes with an arc into <paramref name="pool"/>, ascending.</summary>
    public IReadOnlyList<int> PoolFeeders(int pool) => _poolFeeders[pool];

    /// <summary>Where <paramref name="node"/> sends money: hub node ids (ascending), then <see cref="PoolTarget"/> ids (ascending).</summary>
    public IReadOnlyList<int> Targets(int node) => _nodeTargets[node];

    /// <summary>The target id of a pool: above every node id.</summary>
    public int PoolTarget(int pool) => NodeCount + pool;

    public bool IsPoolTarget(int target) => target >= NodeCount;

    public int PoolOfTarget(int target) => target - NodeCount;

    public static MoneyHubs Build(PoolIndex pools, int minimumUse = MinimumUse)
    {
        var sets = Enumerable.Range(0, pools.PoolCount).Select(g => new SortedSet<int>(pools.PoolGroups(g))).ToArray();
        var poolsOf = new List<HashSet<int>>();
        for (var node = 0; node < pools.GroupCount; node++) poolsOf.Add([]);
        for (var g = 0; g < sets.Length; g++)
            foreach (var node in sets[g])
                poolsOf[node].Add(g);

        // How many pools each pair of nodes feeds together, and the pairs ordered by that count (most first; ties by
        // the pair, so the hubs are the same on every run).
        var count = new Dictionary<(int, int), int>();
        var queue = new SortedSet<(int Minus, int A, int B)>();
        void Change((int, int) pair, int by)
        {
            count.TryGetValue(pair, out var was);
            if (was > 0) queue.Remove((-was, pair.Item1, pair.Item2));
            var now = was + by;
            if (now > 0)
            {
                count[pair] = now;
                queue.Add((-now, pair.Item1, pair.Item2));
            }
            else count.Remove(pair);
        }
        static (int, int) Pair(int a, int b) => a < b ? (a, b) : (b, a);
        foreach (var set in sets)
        {
            var nodes = set.ToArray();
            for (var i = 0; i < nodes.Length; i++)
                for (var j = i + 1; j < nodes.Length; j++)
                    Change((nodes[i], nodes[j]), 1);
        }

        var hubs = new List<(int A, int B)>();
        while (queue.Count > 0 && -queue.Min.Minus >= Math.Max(3, minimumUse))
        {
            var (_, a, b) = queue.Min;
            var hub = pools.GroupCount + hubs.Count;
            hubs.Add((a, b));
            poolsOf.Add([]);
            var fed = poolsOf[a].Where(poolsOf[b].Contains).Order().ToList();
            foreach (var g in fed)
            {
                var set = sets[g];
                set.Remove(a);
                set.Remove(b);
                foreach (var c in set)
                {
                    Change(Pair(a, c), -1);
                    Change(Pair(b, c), -1);
                    Change(Pair(hub, c), 1);
                }
                Change((a, b), -1);
                set.Add(hub);
                poolsOf[a].Remove(g);
                poolsOf[b].Remove(g);
                poolsOf[hub].Add(g);
            }
        }
        return new MoneyHubs(pools.GroupCount, hubs, sets.Select(s => s.ToList()).ToArray());
    }
}
