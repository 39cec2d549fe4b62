using System.Text;

namespace Allocator.Report.Charts;

/// <summary>
/// Per line, per delivery period: the line's capacity (light bar) and the funded units it delivers in that
/// period (dark bar). A dark bar as tall as the light one is a line working at full capacity.
/// </summary>
internal static class LineChart
{
    public const int MaxRows = 120;
    private const double Height = 30;
    private const double Pad = 3;

    public static void Render(StringBuilder html, PlanFacts f)
    {
        var lines = f.Request.Lines;
        var p = f.Periods.Count;
        var currency = f.Currency;
        var shown = Enumerable.Range(0, lines.Count).ToList();
        if (shown.Count > MaxRows)
        {
            shown = shown.OrderByDescending(l => f.LineFunding[l]).ThenBy(l => l).Take(MaxRows).Order().ToList();
            var hidden = Enumerable.Range(0, lines.Count).Except(shown).ToList();
            html.Append("<p class=\"note\">").Append(Html.Escape(
                $"{lines.Count} lines: the {MaxRows} with the most funding are drawn. The other {hidden.Count} receive " +
                $"{Html.Money(hidden.Sum(l => f.LineFunding[l]))} {currency}; {hidden.Count(l => f.LineFunding[l] <= 0)} of them receive nothing.")).Append("</p>\n");
        }
        html.Append("<p class=\"legend\"><span class=\"sw cap\"></span>capacity in the period " +
                    "<span class=\"sw funded\"></span>funded units delivered in the period</p>\n");
        RowChart.Begin(html, "lines", f.Periods, "Line", "Funded of capacity (units)");
        var cw = RowChart.ColumnWidth(p);
        var w = Math.Max(1, cw * 0.78);
        foreach (var l in shown)
        {
            var line = lines[l];
            var max = Math.Max(f.LineCapacity[l].Max(), f.LineFundedByDelivery[l].Max());
            double H(double units) => max > 0 ? Math.Max(0, units) / max * (Height - 2 * Pad) : 0;
            var what = string.IsNullOrWhiteSpace(line.Product) ? line.Category : line.Product!;
            var name = $"<b>{Html.Escape(line.Id)}</b><small title=\"{Html.Escape($"{line.Producer} ({line.Country}) · {what}")}\">{Html.Escape(line.Producer)} ({Html.Escape(line.Country)}) · {Html.Escape(Html.Truncate(what, 40))}</small>";
            RowChart.BeginRow(html, name, Height, "line", line.Id);
            RowChart.Grid(html, p, Height);
            for (var s = 0; s < p; s++)
            {
                var capacity = f.LineCapacity[l][s];
                var funded = f.LineFundedByDelivery[l][s];
                var x = s * cw + (cw - w) / 2;
                if (capacity > 0)
                    html.Append($"<rect class=\"cap\" x=\"{Html.N(x)}\" y=\"{Html.N(Height - Pad - H(capacity))}\" width=\"{Html.N(w)}\" height=\"{Html.N(H(capacity))}\"/>");
                if (funded > 0)
                {
                    var h = Math.Max(1.5, H(funded));
                    html.Append($"<rect class=\"funded\" x=\"{Html.N(x + w * 0.2)}\" y=\"{Html.N(Height - Pad - h)}\" width=\"{Html.N(w * 0.6)}\" height=\"{Html.N(h)}\"/>");
                }
                RowChart.Tip(html, s, p, Height, $"{f.Periods[s]}: {Html.Units(funded)} of {Plain.Count(Html.Units(capacity), "unit")}");
            }
            html.Append($"<line class=\"base\" x1=\"0\" x2=\"{Html.N(RowChart.Width)}\" y1=\"{Html.N(Height - Pad)}\" y2=\"{Html.N(Height - Pad)}\"/>");
            var total = f.LineCapacity[l].Sum();
            var units = f.LineFundedUnits[l];
            var numbers = RowChart.Bar((total > 0 ? units / total : 0, "b-funded", $"funded: {Plain.Count(Html.Units(units), "unit")}")) +
                $"<small>{Html.Units(units)} of {Html.Units(total)} ({Html.Percent(units, total)}) · {Html.Money(f.LineFunding[l])} {Html.Escape(currency)}</small>";
            RowChart.EndRow(html, numbers);
        }
        RowChart.End(html);
    }
}
