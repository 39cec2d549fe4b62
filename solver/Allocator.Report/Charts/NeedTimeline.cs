using System.Text;

namespace Allocator.Report.Charts;

/// <summary>
/// What arrives when: one row per need. Each period's column shows the units delivered so far as a share of the
/// need's quantity (light) with the units arriving in that period on top (solid); green up to the due date,
/// orange after it (late). The dashed line is the quantity, the red line the due date; the gap left under the
/// dashed line at the end is what is missing.
/// </summary>
internal static class NeedTimeline
{
    public const int MaxRows = 120;
    private const double Height = 40;
    private const double Pad = 4;

    public static void Render(StringBuilder html, PlanFacts f)
    {
        var needs = f.Request.Needs;
        var p = f.Periods.Count;
        var shown = Enumerable.Range(0, needs.Count).ToList();
        if (shown.Count > MaxRows)
        {
            shown = shown.OrderByDescending(n => needs[n].Priority).ThenBy(n => n).Take(MaxRows).Order().ToList();
            var hidden = Enumerable.Range(0, needs.Count).Except(shown).ToList();
            html.Append("<p class=\"note\">").Append(Html.Escape(
                $"{needs.Count} needs: the {MaxRows} with the highest priority are drawn. The other {hidden.Count} get " +
                $"{Html.Units(hidden.Sum(n => f.NeedDelivered[n]))} of {Html.Units(hidden.Sum(n => needs[n].Quantity))} units " +
                $"({Html.Units(hidden.Sum(n => f.NeedOnTime[n]))} on time); {hidden.Count(n => f.NeedShortfall(n) > Tolerance(n, f))} of them are short.")).Append("</p>\n");
        }
        Legend(html);
        RowChart.Begin(html, "needs", f.Periods, "Need", "Covered");
        var cw = RowChart.ColumnWidth(p);
        var inner = Height - 2 * Pad;
        foreach (var n in shown)
        {
            var need = needs[n];
            var quantity = need.Quantity;
            double Y(double units) => Height - Pad - Math.Clamp(units / quantity, 0, 1) * inner;
            var name = $"<b>{Html.Escape(need.Id)}</b><small title=\"{Html.Escape($"{need.Category} · due {f.Periods[need.DueBy]} · priority {Html.Units(need.Priority)}")}\">{Html.Escape(need.Category)} · due {Html.Escape(f.Periods[need.DueBy])} · priority {Html.Units(need.Priority)}</small>";
            RowChart.BeginRow(html, name, Height, "need", need.Id);
            RowChart.Grid(html, p, Height);
            if (need.DueBy < p - 1)
                html.Append($"<rect class=\"late-zone\" x=\"{Html.N((need.DueBy + 1) * cw)}\" y=\"0\" width=\"{Html.N((p - need.DueBy - 1) * cw)}\" height=\"{Html.N(Height)}\"/>");
            double sum = 0;
            var w = Math.Max(1, cw * 0.78);
            for (var s = 0; s < p; s++)
            {
                var arriving = f.NeedByPeriod[n][s];
                var before = sum;
                sum += arriving;
                var x = s * cw + (cw - w) / 2;
                var late = s > need.DueBy;
                if (before > 0)
                    html.Append($"<rect class=\"cum\" x=\"{Html.N(x)}\" y=\"{Html.N(Y(before))}\" width=\"{Html.N(w)}\" height=\"{Html.N(Y(0) - Y(before))}\"/>");
                if (arriving > 0)
                {
                    var h = Math.Max(1.5, Y(before) - Y(sum));
                    html.Append($"<rect class=\"{(late ? "arr-late" : "arr")}\" x=\"{Html.N(x)}\" y=\"{Html.N(Y(before) - h)}\" width=\"{Html.N(w)}\" height=\"{Html.N(h)}\"/>");
                }
                RowChart.Tip(html, s, p, Height, arriving > 0
                    ? $"{f.Periods[s]}: {Plain.Count(Html.Units(arriving), "unit")} arrive{(Html.Units(arriving) == "1" ? "s" : "")}{(late ? " late" : "")}; {Html.Units(sum)} of {Html.Units(quantity)} so far"
                    : $"{f.Periods[s]}: nothing arrives; {Html.Units(sum)} of {Html.Units(quantity)} so far");
            }
            html.Append($"<line class=\"quantity\" x1=\"0\" x2=\"{Html.N(RowChart.Width)}\" y1=\"{Html.N(Pad)}\" y2=\"{Html.N(Pad)}\"/>");
            if (need.DueBy >= 0 && need.DueBy < p)
                html.Append($"<line class=\"due\" x1=\"{Html.N((need.DueBy + 1) * cw)}\" x2=\"{Html.N((need.DueBy + 1) * cw)}\" y1=\"0\" y2=\"{Html.N(Height)}\"/>");

            var onTime = f.NeedOnTime[n];
            var lateUnits = f.NeedLate(n);
            var missing = f.NeedShortfall(n);
            if (missing <= Tolerance(n, f)) missing = 0;
            var text = new StringBuilder();
            if (missing == 0 && lateUnits <= Tolerance(n, f))
                text.Append($"<span class=\"ok\">all {Html.Units(quantity)} on time</span>");
            else
            {
                text.Append($"{Html.Units(onTime)} of {Html.Units(quantity)} on time");
                if (lateUnits > Tolerance(n, f)) text.Append($" · <span class=\"late\">{Html.Units(lateUnits)} late</span>");
                if (missing > 0) text.Append($" · <span class=\"miss\">{Html.Units(missing)} missing</span>");
            }
            RowChart.EndRow(html, RowChart.Bar(
                (onTime / quantity, "b-on", $"on time: {Html.Units(onTime)}"),
                (lateUnits / quantity, "b-late", $"late: {Html.Units(lateUnits)}"),
                (missing / quantity, "b-miss", $"missing: {Html.Units(missing)}")) + "<small>" + text + "</small>");
        }
        RowChart.End(html);
    }

    /// <summary>Differences below this many units are rounding, not shortfall.</summary>
    public static double Tolerance(int n, PlanFacts f) => Math.Max(1e-6, 1e-7 * f.Request.Needs[n].Quantity);

    private static void Legend(StringBuilder html) => html.Append(
        "<p class=\"legend\"><span class=\"sw arr\"></span>arrives on time <span class=\"sw arr-late\"></span>arrives late " +
        "<span class=\"sw cum\"></span>delivered so far <span class=\"sw late-zone\"></span>after the due date " +
        "<span class=\"ln due\"></span>due date <span class=\"ln quantity\"></span>quantity needed (top of each row)</p>\n");
}
