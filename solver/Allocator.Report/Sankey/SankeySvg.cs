using System.Text;

namespace Allocator.Report.Sankey;

/// <summary>Draws a laid-out flow diagram as inline SVG: ribbons first, then nodes, then labels on top.</summary>
internal static class SankeySvg
{
    /// <summary>Longest label, in characters, in the middle column and in the outer columns (which have less room).</summary>
    private const int LabelLength = 40;
    private const int OuterLabelLength = 28;

    public static void Render(StringBuilder html, SankeyGraph graph, SankeyLayout layout, string currency)
    {
        var w = SankeyLayout.Width;
        html.Append($"<svg class=\"sankey\" viewBox=\"0 0 {Html.N(w)} {Html.N(layout.Height)}\" width=\"{Html.N(w)}\" height=\"{Html.N(layout.Height)}\" role=\"img\" aria-label=\"Flow of money from donors through production lines to needs\">\n");

        // Column headings.
        var x = layout.ColumnX;
        html.Append($"<text class=\"col-head\" x=\"{Html.N(x[0] + SankeyLayout.NodeWidth)}\" y=\"16\" text-anchor=\"end\">Donors</text>");
        html.Append($"<text class=\"col-head\" x=\"{Html.N(x[1] + SankeyLayout.NodeWidth / 2)}\" y=\"16\" text-anchor=\"middle\">Production lines</text>");
        html.Append($"<text class=\"col-head\" x=\"{Html.N(x[2])}\" y=\"16\">Needs</text>\n");

        html.Append("<g class=\"flows\">\n");
        for (var k = 0; k < graph.Links.Count; k++)
        {
            var r = layout.Ribbons[k];
            if (r.Width < 0.05) continue;
            var link = graph.Links[k];
            var source = graph.Nodes[link.Source];
            var target = graph.Nodes[link.Target];
            var xm = (r.X0 + r.X1) / 2;
            html.Append("<path class=\"flow\" fill=\"").Append(link.Color).Append("\" d=\"M").Append(Html.N(r.X0)).Append(',').Append(Html.N(r.Y0))
                .Append('C').Append(Html.N(xm)).Append(',').Append(Html.N(r.Y0)).Append(' ').Append(Html.N(xm)).Append(',').Append(Html.N(r.Y1)).Append(' ').Append(Html.N(r.X1)).Append(',').Append(Html.N(r.Y1))
                .Append('V').Append(Html.N(r.Y1 + r.Width))
                .Append('C').Append(Html.N(xm)).Append(',').Append(Html.N(r.Y1 + r.Width)).Append(' ').Append(Html.N(xm)).Append(',').Append(Html.N(r.Y0 + r.Width)).Append(' ').Append(Html.N(r.X0)).Append(',').Append(Html.N(r.Y0 + r.Width))
                .Append("Z\"><title>")
                .Append(Html.Escape($"{Plain(source)} → {Plain(target)}: {Html.Money(link.Value)} {currency}"))
                .Append("</title></path>\n");
        }
        html.Append("</g>\n<g class=\"nodes\">\n");
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            var b = layout.Boxes[i];
            html.Append("<rect class=\"node node-").Append(node.Kind).Append("\" data-kind=\"").Append(node.Kind).Append('"');
            if (node.Id is not null) html.Append(" data-id=\"").Append(Html.Escape(node.Id)).Append('"');
            html.Append($" x=\"{Html.N(b.X)}\" y=\"{Html.N(b.Y)}\" width=\"{Html.N(b.Width)}\" height=\"{Html.N(b.Height)}\" fill=\"{node.Color}\">")
                .Append("<title>").Append(Html.Escape(node.Title)).Append("</title></rect>\n");
        }
        html.Append("</g>\n<g class=\"labels\">\n");
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            var b = layout.Boxes[i];
            var left = node.Column == SankeyColumn.Donors;
            var tx = left ? b.X - 6 : b.X + b.Width + 6;
            var amount = Html.Money(node.Value);
            var room = (node.Column == SankeyColumn.Lines ? LabelLength : OuterLabelLength) - amount.Length - 1;
            html.Append($"<text x=\"{Html.N(tx)}\" y=\"{Html.N(b.CenterY)}\" dy=\"0.35em\"")
                .Append(left ? " text-anchor=\"end\"" : "")
                .Append(node.Column == SankeyColumn.Lines ? " class=\"mid\"" : "")
                .Append('>')
                .Append(Html.Escape(Html.Truncate(node.Label, room)))
                .Append("<tspan class=\"v\"> ").Append(Html.Escape(amount)).Append("</tspan>")
                .Append("<title>").Append(Html.Escape(node.Title)).Append("</title></text>\n");
        }
        html.Append("</g>\n</svg>\n");
    }

    private static string Plain(SankeyNode node) => node.Label;
}
