using Allocator.Models;

namespace Allocator.Solver.Problem;

/// <summary>
/// Groups the lines' slips (contract 1.1, section 4) into distinct profiles. Lines of one category and one profile
/// give every need the same expected value for a unit due in the same period, so the pooled formulation may pool
/// them (docs/model.md, "Delivery risk").
/// </summary>
internal static class SlipProfiles
{
    /// <summary>
    /// The distinct profiles in order of first use (profile 0 is <c>[1]</c>, on time, used or not) and each line's
    /// profile; null for the lines when no line may slip, so that such a request is built exactly as before.
    /// Trailing zeros are dropped: <c>[1, 0]</c> is <c>[1]</c>.
    /// </summary>
    public static (double[][] Profiles, int[]? LineProfiles) Of(IReadOnlyList<ProductionLine> lines)
    {
        var profiles = new List<double[]> { new[] { 1.0 } };
        var ofLine = new int[lines.Count];
        for (var l = 0; l < lines.Count; l++)
        {
            var slip = Trimmed(lines[l].Slip);
            var index = profiles.FindIndex(p => p.AsSpan().SequenceEqual(slip));
            if (index < 0)
            {
                index = profiles.Count;
                profiles.Add(slip);
            }
            ofLine[l] = index;
        }
        return profiles.Count == 1 ? ([.. profiles], null) : ([.. profiles], ofLine);
    }

    private static double[] Trimmed(IReadOnlyList<double>? slip)
    {
        if (slip is null) return [1.0];
        var length = slip.Count;
        while (length > 1 && slip[length - 1] == 0) length--;
        return slip.Take(length).ToArray();
    }
}
