using Allocator.Solver.Problem;

namespace Allocator.Solver.Formulation;

/// <summary>
/// The two groupings that make the pooled formulation small: lines with the same set of eligible donors
/// (pools), and donors with the same set of eligible pools (donor groups). Both are listed in input order
/// so that everything built from them is deterministic.
/// </summary>
internal sealed class PoolIndex
{
    private readonly List<int>[] _poolLines;
    private readonly List<int>[] _poolGroups;
    private readonly int[][] _groupPools;
    private readonly List<int>[] _groupTranches;
    private readonly List<int>[] _categoryLines;

    private PoolIndex(int[] poolOfLine, List<int>[] poolLines, int[] groupOfDonor, int[][] groupPools,
        List<int>[] groupTranches, List<int>[] categoryLines)
    {
        PoolOfLine = poolOfLine;
        _poolLines = poolLines;
        GroupOfDonor = groupOfDonor;
        _groupPools = groupPools;
        _groupTranches = groupTranches;
        _categoryLines = categoryLines;
        _poolGroups = poolLines.Select(_ => new List<int>()).ToArray();
        for (var group = 0; group < groupPools.Length; group++)
            foreach (var pool in groupPools[group])
                _poolGroups[pool].Add(group);
        var fundable = new bool[poolLines.Length][];
        _fundable = fundable;
    }

    private readonly bool[][] _fundable;

    /// <summary>Pool of each line, or -1 when no donor may fund it.</summary>
    public int[] PoolOfLine { get; }

    /// <summary>Donor group of each donor, or -1 when the donor may fund no line.</summary>
    public int[] GroupOfDonor { get; }

    public int PoolCount => _poolLines.Length;
    public int GroupCount => _groupPools.Length;

    public IReadOnlyList<int> PoolLines(int pool) => _poolLines[pool];
    public IReadOnlyList<int> PoolGroups(int pool) => _poolGroups[pool];
    public IReadOnlyList<int> GroupPools(int group) => group < 0 ? [] : _groupPools[group];
    public IReadOnlyList<int> GroupTranches(int group) => _groupTranches[group];
    public IReadOnlyList<int> LinesOfCategory(int category) => _categoryLines[category];

    /// <summary>Some tranche that may fund the pool's lines is open for commitment in period <paramref name="t"/>.</summary>
    public bool Fundable(int pool, int t) => _fundable[pool][t];

    public static PoolIndex Build(AllocationProblem p)
    {
        var poolIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var poolLines = new List<List<int>>();
        var poolDonors = new List<int[]>();
        var poolOfLine = new int[p.Lines.Length];
        for (var l = 0; l < p.Lines.Length; l++)
        {
            var donors = p.EligibleDonors[l];
            if (donors.Length == 0)
            {
                poolOfLine[l] = -1;
                continue;
            }
            var key = string.Join(',', donors);
            if (!poolIds.TryGetValue(key, out var pool))
            {
                pool = poolIds[key] = poolLines.Count;
                poolLines.Add([]);
                poolDonors.Add(donors);
            }
            poolLines[pool].Add(l);
            poolOfLine[l] = pool;
        }

        var poolsOfDonor = Enumerable.Range(0, p.DonorCount).Select(_ => new List<int>()).ToArray();
        for (var pool = 0; pool < poolDonors.Count; pool++)
            foreach (var d in poolDonors[pool])
                poolsOfDonor[d].Add(pool);

        var groupIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupPools = new List<int[]>();
        var groupOfDonor = new int[p.DonorCount];
        for (var d = 0; d < p.DonorCount; d++)
        {
            if (poolsOfDonor[d].Count == 0)
            {
                groupOfDonor[d] = -1;
                continue;
            }
            var key = string.Join(',', poolsOfDonor[d]);
            if (!groupIds.TryGetValue(key, out var group))
            {
                group = groupIds[key] = groupPools.Count;
                groupPools.Add([.. poolsOfDonor[d]]);
            }
            groupOfDonor[d] = group;
        }
        var groupTranches = groupPools.Select(_ => new List<int>()).ToArray();
        for (var k = 0; k < p.Tranches.Length; k++)
            if (groupOfDonor[p.Tranches[k].Donor] is var group and >= 0)
                groupTranches[group].Add(k);

        var categoryLines = Enumerable.Range(0, p.CategoryCount).Select(_ => new List<int>()).ToArray();
        for (var l = 0; l < p.Lines.Length; l++)
            categoryLines[p.Lines[l].Category].Add(l);

        var index = new PoolIndex(poolOfLine, [.. poolLines], groupOfDonor, [.. groupPools], groupTranches, categoryLines);
        for (var pool = 0; pool < index.PoolCount; pool++)
        {
            index._fundable[pool] = new bool[p.Periods];
            foreach (var group in index._poolGroups[pool])
                foreach (var k in groupTranches[group])
                    for (var t = p.Tranches[k].From; t <= p.Tranches[k].Until; t++)
                        index._fundable[pool][t] = true;
        }
        return index;
    }
}
