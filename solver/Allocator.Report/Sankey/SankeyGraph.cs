namespace Allocator.Report.Sankey;

/// <summary>Which column of the flow diagram a node is in.</summary>
internal enum SankeyColumn
{
    Donors = 0,
    Lines = 1,
    Needs = 2,
}

/// <summary>
/// A node of the flow diagram. <see cref="Kind"/> is <c>donor</c>, <c>line</c> or <c>need</c> for a single
/// donor, line or need (then <see cref="Id"/> is its id), or <c>group</c>, <c>unallocated</c> or
/// <c>undelivered</c>. <see cref="Members"/> is how many donors, lines or needs the node stands for.
/// </summary>
internal sealed record SankeyNode(
    string Key, SankeyColumn Column, string Kind, string? Id, string Label, string Title, string Color, int Members)
{
    /// <summary>The product category all the node's lines or needs share, or null.</summary>
    public string? Category { get; init; }

    /// <summary>Money through the node: the larger of what flows in and what flows out.</summary>
    public double Value { get; set; }

    /// <summary>The label as drawn, one entry per line (see <see cref="SankeyLabels"/>); the amount follows the last.</summary>
    public IReadOnlyList<string> LabelLines { get; set; } = [];
}

/// <summary>Money from one node to a node in the next column.</summary>
internal sealed record SankeyLink(int Source, int Target, double Value, string Color);

/// <summary>The grouped flow diagram: nodes in drawing order within each column, and links between them.</summary>
internal sealed class SankeyGraph
{
    public required IReadOnlyList<SankeyNode> Nodes { get; init; }
    public required IReadOnlyList<SankeyLink> Links { get; init; }

    /// <summary>Sentences describing what was grouped, shown under the diagram; empty when nothing was.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public IEnumerable<(SankeyNode Node, int Index)> InColumn(SankeyColumn column) =>
        Nodes.Select((n, i) => (n, i)).Where(x => x.n.Column == column);
}
