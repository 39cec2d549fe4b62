namespace Allocator.Models;

/// <summary>Whether a JSON path lies at or inside one of the values that could not be read.</summary>
internal static class UnreadablePaths
{
    /// <summary>True when <paramref name="path"/> is in <paramref name="unreadable"/>, or inside one of them
    /// (<c>$.lines[2].id</c> is inside <c>$.lines[2]</c>; <c>$.lines[20]</c> is not).</summary>
    public static bool Covers(IReadOnlySet<string> unreadable, string path)
    {
        if (unreadable.Count == 0) return false;
        if (unreadable.Contains(path)) return true;
        for (var i = 1; i < path.Length; i++)
            if ((path[i] == '.' || path[i] == '[') && unreadable.Contains(path[..i]))
                return true;
        return false;
    }
}
