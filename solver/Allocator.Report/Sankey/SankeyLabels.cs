namespace Allocator.Report.Sankey;

/// <summary>
/// The text drawn next to each node of the flow diagram. Outer columns (donors, needs) wrap long names onto up to
/// <see cref="MaxOuterLines"/> lines when the column is short enough to give each node that height; anything still
/// too long is shortened, and labels that would then read the same (<c>national-shell-155-0…</c> for every
/// national shell need) keep their distinguishing end instead (<c>national-sh…155-0042</c>). The full name is
/// always in the node's tooltip.
/// </summary>
internal static class SankeyLabels
{
    /// <summary>Characters per label line: the middle column has more room than the outer ones.</summary>
    public const int MiddleLength = 40;
    public const int OuterLength = 32;

    /// <summary>Most lines an outer label wraps onto, and the most nodes a column may have for labels to wrap.</summary>
    public const int MaxOuterLines = 3;
    public const int MaxWrappedNodes = 20;

    /// <summary>Height of one label line, in SVG units (12px text).</summary>
    public const double LineHeight = 14;

    /// <summary>Sets <see cref="SankeyNode.LabelLines"/> of every node of <paramref name="graph"/>.</summary>
    public static void Apply(SankeyGraph graph)
    {
        foreach (var column in new[] { SankeyColumn.Donors, SankeyColumn.Lines, SankeyColumn.Needs })
        {
            var nodes = graph.InColumn(column).Select(x => x.Node).ToList();
            var width = column == SankeyColumn.Lines ? MiddleLength : OuterLength;
            var lines = column != SankeyColumn.Lines && nodes.Count <= MaxWrappedNodes ? MaxOuterLines : 1;
            // The amount ("389M") follows the label on its last line.
            var rooms = nodes.Select(n => lines * width - Html.Money(n.Value).Length - 1).ToList();
            var texts = Distinct(nodes.Select(n => n.Label).ToList(), rooms);
            for (var i = 0; i < nodes.Count; i++)
                nodes[i].LabelLines = lines == 1 ? [texts[i]] : Wrap(texts[i], width, lines, width - Html.Money(nodes[i].Value).Length - 1);
        }
    }

    /// <summary>
    /// Each label shortened to its room; where two different labels would then read the same, both keep their
    /// beginning and their end around an ellipsis, with as much of the end as it takes to tell them apart.
    /// </summary>
    public static List<string> Distinct(IReadOnlyList<string> labels, IReadOnlyList<int> rooms)
    {
        var texts = labels.Select((l, i) => Html.Truncate(l, rooms[i])).ToList();
        foreach (var clash in Enumerable.Range(0, texts.Count).GroupBy(i => texts[i], StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var members = clash.ToList();
            if (members.Select(i => labels[i]).Distinct(StringComparer.Ordinal).Count() < 2) continue;
            var room = members.Min(i => rooms[i]);
            var solved = false;
            for (var tail = Math.Max(1, (room - 1) / 2); tail <= room - 2 && !solved; tail++)
            {
                var candidates = members.Select(i => Middle(labels[i], room, tail)).ToList();
                if (candidates.Distinct(StringComparer.Ordinal).Count() < members.Select(i => labels[i]).Distinct(StringComparer.Ordinal).Count()) continue;
                for (var k = 0; k < members.Count; k++) texts[members[k]] = candidates[k];
                solved = true;
            }
            // Names that differ only in the middle of a long text: show them whole rather than alike.
            if (!solved)
                foreach (var i in members) texts[i] = labels[i];
        }
        return texts;
    }

    /// <summary><paramref name="text"/> in at most <paramref name="room"/> characters: its start, "…", and its last <paramref name="tail"/> characters.</summary>
    private static string Middle(string text, int room, int tail)
    {
        if (text.Length <= room) return text;
        var head = Math.Max(1, room - 1 - tail);
        return string.Concat(text.AsSpan(0, head).TrimEnd(), "…", text.AsSpan(text.Length - tail).TrimStart());
    }

    /// <summary>
    /// Words onto lines of <paramref name="width"/> characters (the last line leaves <paramref name="lastWidth"/> for
    /// the amount), at most <paramref name="maxLines"/>; a word longer than a line is cut, and text left over shortens
    /// the last line with an ellipsis.
    /// </summary>
    public static string[] Wrap(string text, int width, int maxLines, int lastWidth)
    {
        if (text.Length <= lastWidth) return [text];
        var lines = new List<string>();
        var rest = text.Trim();
        while (rest.Length > 0 && lines.Count < maxLines)
        {
            var last = lines.Count == maxLines - 1;
            var room = last ? lastWidth : width;
            if (rest.Length <= room && (last || rest.Length <= lastWidth))
            {
                lines.Add(rest);
                rest = "";
                break;
            }
            if (last)
            {
                lines.Add(Html.Truncate(rest, room));
                rest = "";
                break;
            }
            var cut = rest.LastIndexOf(' ', Math.Min(room, rest.Length - 1));
            if (cut <= 0) cut = Math.Min(room, rest.Length);
            lines.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0) lines.Add(rest);
        return lines.ToArray();
    }
}
