namespace Allocator.Report.Sankey;

/// <summary>Where a node is drawn. <see cref="SlotTop"/>/<see cref="SlotHeight"/> is the band reserved for its label.</summary>
internal readonly record struct NodeBox(double X, double Y, double Width, double Height, double SlotTop, double SlotHeight)
{
    public double CenterY => SlotTop + SlotHeight / 2;
}

/// <summary>A flow drawn as a ribbon from the right edge of one node to the left edge of the next.</summary>
internal readonly record struct Ribbon(double X0, double Y0, double X1, double Y1, double Width);

/// <summary>
/// Positions of the flow diagram, computed in C# so the HTML needs no script. One scale (pixels per unit of
/// money) holds for every node and flow; every node gets at least <see cref="MinSlot"/> pixels of height for its
/// label, so tiny nodes stay legible and the diagram grows taller when a column has many nodes.
/// </summary>
internal sealed class SankeyLayout
{
    public const double Width = 1160;
    public const double NodeWidth = 14;
    public const double LabelSpace = 230;
    public const double Top = 34;
    public const double Bottom = 8;
    public const double BaseHeight = 460;
    public const double MinSlot = 15;
    public const double Gap = 5;
    public const double MaxExtraGap = 36;

    private SankeyLayout(double height, double scale, double[] columnX, NodeBox[] boxes, Ribbon[] ribbons)
    {
        Height = height;
        Scale = scale;
        ColumnX = columnX;
        Boxes = boxes;
        Ribbons = ribbons;
    }

    /// <summary>Total height of the drawing.</summary>
    public double Height { get; }

    /// <summary>Pixels per unit of money.</summary>
    public double Scale { get; }

    /// <summary>Left edge of the nodes of each column.</summary>
    public double[] ColumnX { get; }

    /// <summary>One box per node, in the graph's order.</summary>
    public NodeBox[] Boxes { get; }

    /// <summary>One ribbon per link, in the graph's order.</summary>
    public Ribbon[] Ribbons { get; }

    public static SankeyLayout Compute(SankeyGraph graph)
    {
        var nodes = graph.Nodes;
        double[] columnX = [LabelSpace, (LabelSpace + (Width - LabelSpace - NodeWidth)) / 2 - NodeWidth / 2, Width - LabelSpace - NodeWidth];
        var columns = Enumerable.Range(0, 3)
            .Select(c => Enumerable.Range(0, nodes.Count).Where(i => (int)nodes[i].Column == c).ToArray())
            .ToArray();

        // One scale for all: the fullest column fills the base height.
        var scale = double.PositiveInfinity;
        foreach (var column in columns)
        {
            var total = column.Sum(i => nodes[i].Value);
            if (column.Length == 0 || total <= 0) continue;
            var room = Math.Max(BaseHeight * 0.3, BaseHeight - (column.Length - 1) * Gap);
            scale = Math.Min(scale, room / total);
        }
        if (!double.IsFinite(scale)) scale = 0;

        // A label wrapped onto several lines gets the height it needs.
        double Slot(int i) => Math.Max(nodes[i].Value * scale, Math.Max(MinSlot, nodes[i].LabelLines.Count * SankeyLabels.LineHeight + 2));
        var contentHeight = Math.Max(BaseHeight, columns.Max(c => c.Sum(Slot) + Math.Max(0, c.Length - 1) * Gap));

        var boxes = new NodeBox[nodes.Count];
        for (var c = 0; c < 3; c++)
        {
            var column = columns[c];
            if (column.Length == 0) continue;
            var slots = column.Sum(Slot);
            var gap = column.Length > 1 ? Gap + Math.Min(MaxExtraGap, (contentHeight - slots - (column.Length - 1) * Gap) / (column.Length - 1)) : 0;
            var used = slots + (column.Length - 1) * gap;
            var y = Top + (contentHeight - used) / 2;
            foreach (var i in column)
            {
                var slot = Slot(i);
                var h = Math.Max(1, nodes[i].Value * scale);
                boxes[i] = new NodeBox(columnX[c], y + (slot - h) / 2, NodeWidth, h, y, slot);
                y += slot + gap;
            }
        }

        // Ribbons: stacked inside each node, ordered by the position of the node at the other end.
        var links = graph.Links;
        var ribbons = new Ribbon[links.Count];
        var sourceY = new double[links.Count];
        var targetY = new double[links.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var outgoing = Enumerable.Range(0, links.Count).Where(k => links[k].Source == i)
                .OrderBy(k => boxes[links[k].Target].CenterY).ThenBy(k => links[k].Target).ToArray();
            var incoming = Enumerable.Range(0, links.Count).Where(k => links[k].Target == i)
                .OrderBy(k => boxes[links[k].Source].CenterY).ThenBy(k => links[k].Source).ToArray();
            Stack(outgoing, sourceY, boxes[i]);
            Stack(incoming, targetY, boxes[i]);
        }
        void Stack(int[] ks, double[] into, NodeBox box)
        {
            var total = ks.Sum(k => links[k].Value * scale);
            var y = box.Y + Math.Max(0, (box.Height - total) / 2);
            foreach (var k in ks)
            {
                into[k] = y;
                y += links[k].Value * scale;
            }
        }
        for (var k = 0; k < links.Count; k++)
        {
            var s = boxes[links[k].Source];
            var t = boxes[links[k].Target];
            ribbons[k] = new Ribbon(s.X + s.Width, sourceY[k], t.X, targetY[k], links[k].Value * scale);
        }
        return new SankeyLayout(Top + contentHeight + Bottom, scale, columnX, boxes, ribbons);
    }
}
