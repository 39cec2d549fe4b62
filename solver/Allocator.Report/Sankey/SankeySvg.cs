using System.Text;

namespace Allocator.Report.Sankey;

/// <summary>Draws a laid-out flow diagram as inline SVG: ribbons first, then nodes, then labels on top.</summary>
internal static class SankeySvg
{
    public static void Render(StringBuilder html, SankeyGraph graph, SankeyLayout layout, string currency)
    {
        var w = SankeyLayout.Width;
        html.Append($"<svg class=\"sankey\" viewBox=\"0 0 {Html.N(w)} {Html.N(layout.Height)}\" width=\"{Html.N(w)}\" height=\"{Html.N(layout.Height)}\" role=\"img\" aria-label=\"Flow of money from donors through production lines to needs\">\n");
        // Labels in the middle column sit on the flows that leave their node: a white backing the size of the text
        // (a filter region relative to the label's own box, so no text width has to be guessed) keeps them off the bands.
        html.Append("<defs><filter id=\"label-backing\" x=\"-0.03\" y=\"-0.12\" width=\"1.06\" height=\"1.24\">")
            .Append("<feFlood flood-color=\"#fff\" flood-opacity=\"0.88\"/><feComposite in=\"SourceGraphic\"/></filter></defs>\n");

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
            var lines = node.LabelLines.Count > 0 ? node.LabelLines : [node.Label];
            var top = b.CenterY - (lines.Count - 1) * SankeyLabels.LineHeight / 2;
            html.Append($"<text x=\"{Html.N(tx)}\" y=\"{Html.N(top)}\" dy=\"0.35em\"")
                .Append(left ? " text-anchor=\"end\"" : "")
                .Append(node.Column == SankeyColumn.Lines ? " class=\"mid\" filter=\"url(#label-backing)\"" : "")
                .Append('>');
            for (var k = 0; k < lines.Count; k++)
            {
                var text = Html.Escape(lines[k]);
                if (k == 0) html.Append(text);
                else html.Append($"<tspan x=\"{Html.N(tx)}\" dy=\"{Html.N(SankeyLabels.LineHeight)}\">").Append(text).Append("</tspan>");
            }
            html.Append("<tspan class=\"v\"> ").Append(Html.Escape(Html.Money(node.Value))).Append("</tspan>")
                .Append("<title>").Append(Html.Escape(node.Title)).Append("</title></text>\n");
        }
        html.Append("</g>\n</svg>\n");
    }

    private static string Plain(SankeyNode node) => node.Label;
}
