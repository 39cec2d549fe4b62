using System.Text.RegularExpressions;

namespace Allocator.Workbook.Requests;

/// <summary>JSON paths as the reader and validator spell them (models' JsonPath is internal to that assembly).</summary>
internal static partial class JsonPaths
{
    public static string Property(string parent, string name) =>
        SimpleName().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("\\", "\\\\").Replace("'", "\\'")}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>A dotted member path below the root, such as <c>horizon.periods</c>, as <c>$.horizon.periods</c>.</summary>
    public static string Dotted(string dotted) => "$." + dotted;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SimpleName();
}
