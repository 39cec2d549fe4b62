using Allocator.Solver.Problem;

namespace Allocator.Solver.Formulation;

/// <summary>
/// Lines that no constraint and no objective can tell apart share one unit column per period: same pool (the same
/// donors may pay them), same category, unit cost and lead time, and the same producer when a share cap counts
/// producers' money, and the same slip profile. Their capacities add up, and <see cref="PooledFormulation.Extract"/> hands the column's units
/// back to them in input order. Exact: any plan of the merged LP splits into a plan of the original with the same
/// money in every pool and period and the same units in every category and delivery period, and any plan of the
/// original sums into one of the merged LP; both objectives read only those sums (docs/model.md, "Identical lines").
/// Without it, 100,000 lines of ten kinds (`allocator generate --structure identical`) made 1.2 million columns.
/// </summary>
internal sealed class IdenticalLines
{
    private static readonly double[] NoCapacity = [];

    private readonly int[] _representative;
    private readonly List<int>[] _members;

    private IdenticalLines(int[] representative, List<int>[] members)
    {
        _representative = representative;
        _members = members;
    }

    /// <summary>The first line, in input order, of <paramref name="line"/>'s kind: the one that holds the columns.</summary>
    public int Representative(int line) => _representative[line];

    /// <summary>Whether <paramref name="line"/> holds its kind's columns.</summary>
    public bool IsRepresentative(int line) => _representative[line] == line;

    /// <summary>The lines of the kind that <paramref name="representative"/> holds, in input order (itself first).</summary>
    public IReadOnlyList<int> Members(int representative) => _members[representative];

    /// <summary>Whether any two lines were merged (otherwise every line holds its own columns).</summary>
    public bool Merged { get; private init; }

    public static IdenticalLines Find(AllocationProblem p, IReadOnlyList<int> poolOfLine)
    {
        var countsProducers = p.MaxProducerShare is { } share && share < 1;
        var first = new Dictionary<(int Pool, int Slip, LineData Kind), int>();
        var representative = new int[p.Lines.Length];
        var members = new List<int>[p.Lines.Length];
        var merged = false;
        // Lines with money of their own in the request (signed, or in a previous plan) keep their own columns: that money
        // is bounded line by line (contract 1.1, section 2).
        // So do lines sold in lots or with a minimum order: those rules hold line by line, not for the sum.
        var alone = p.Signed.Keys.Select(x => x.Line).Concat(p.Previous?.Money.Keys.Select(x => x.Line) ?? [])
            .Concat(Enumerable.Range(0, p.Lines.Length).Where(l => p.Lines[l].HasWholeUnitRule)).ToHashSet();
        for (var l = 0; l < p.Lines.Length; l++)
        {
            // The record with its capacity (and, without a share cap, its producer) blanked: whatever else a line
            // carries in LineData must be equal for two lines to merge (arrays compare by reference, so a line with an
            // array field of its own never merges). Equal is not enough for a rule that holds line by line, such as
            // lots: such lines are excluded above, and a new per-line rule must be excluded there too.
            var kind = p.Lines[l] with { Capacity = NoCapacity, Producer = countsProducers ? p.Lines[l].Producer : -1 };
            // What the problem keeps beside LineData must be compared here too: the slip profile (lines that slip
            // differently are not interchangeable for needs).
            var key = (poolOfLine[l], p.SlipOf(l), kind);
            if (poolOfLine[l] >= 0 && !alone.Contains(l) && first.TryGetValue(key, out var r))
            {
                representative[l] = r;
                members[r].Add(l);
                merged = true;
                continue;
            }
            if (poolOfLine[l] >= 0 && !alone.Contains(l)) first[key] = l;
            representative[l] = l;
            members[l] = [l];
        }
        return new IdenticalLines(representative, members) { Merged = merged };
    }
}
