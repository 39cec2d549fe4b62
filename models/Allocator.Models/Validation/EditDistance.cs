namespace Allocator.Models;

/// <summary>Levenshtein distance, for "did you mean" hints on misspelt names.</summary>
internal static class EditDistance
{
    /// <summary>Insertions, deletions and substitutions that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Between(string a, string b)
    {
        if (a.Length > 200 || b.Length > 200) return int.MaxValue / 2;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>
    /// The candidate closest to <paramref name="name"/> ignoring case, when it is close enough to be a slip
    /// (at most 2 edits, or a third of the name), else null. Ties go to the first candidate.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var lower = name.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Between(lower, candidate.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }
}
