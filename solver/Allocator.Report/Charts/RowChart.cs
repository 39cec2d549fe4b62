using System.Text;

namespace Allocator.Report.Charts;

/// <summary>
/// Shared frame of the small per-period charts: one row per donor, line or need, with a name cell, a chart cell
/// (SVG, one column per period) and a numbers cell; a header row carries the period axis.
/// </summary>
internal static class RowChart
{
    /// <summary>Width of the chart area in SVG units; the SVG scales with the page.</summary>
    public const double Width = 600;

    public static double ColumnWidth(int periods) => Width / Math.Max(1, periods);

    /// <summary>Opens the rows block and writes the axis row.</summary>
    public static void Begin(StringBuilder html, string cssClass, PeriodLabels periods, string nameHeading, string numbersHeading)
    {
        html.Append("<div class=\"rows ").Append(cssClass).Append("\">\n<div class=\"row axis\"><div class=\"name\">")
            .Append(Html.Escape(nameHeading)).Append("</div><div class=\"chart\">");
        Axis(html, periods);
        html.Append("</div><div class=\"nums\">").Append(Html.Escape(numbersHeading)).Append("</div></div>\n");
    }

    public static void End(StringBuilder html) => html.Append("</div>\n");

    /// <summary>
    /// Period ticks: every label centred on its column when they fit; otherwise every k-th, starting at the left
    /// edge of its column with a tick mark, and none that would run off the right end.
    /// </summary>
    public static void Axis(StringBuilder html, PeriodLabels periods)
    {
        const double CharWidth = 6.2;
        var p = periods.Count;
        var cw = ColumnWidth(p);
        var longest = Enumerable.Range(0, p).Max(i => periods.Tick(i).Length) * CharWidth;
        var needed = (int)Math.Ceiling((longest + 4) / cw);
        // Months show their year only where it changes ("Dec", "Jan 2025", "Feb"): every column gets a tick when
        // the month names fit and a label with its year fits between two of them.
        var shortest = Enumerable.Range(0, p).Min(i => periods.Tick(i, i - 1).Length) * CharWidth;
        if (periods.Monthly && shortest + 4 <= cw && longest <= 2 * cw - shortest - 8) needed = 1;
        // Round steps (quarters, half-years, years of months) read better than every 5th or 7th period.
        var every = needed <= 1 ? 1 : new[] { 2, 3, 4, 6, 12, 24, 36, 48, 60 }.FirstOrDefault(step => step >= Math.Ceiling((longest + 8) / cw), needed);
        html.Append($"<svg class=\"axis\" viewBox=\"0 0 {Html.N(Width)} 18\" preserveAspectRatio=\"xMidYMid meet\" role=\"presentation\">");
        for (var i = 0; i < p; i += every)
        {
            var label = Html.Escape(periods.Tick(i, i - every));
            if (every == 1)
            {
                html.Append($"<text x=\"{Html.N((i + 0.5) * cw)}\" y=\"13\" text-anchor=\"middle\">{label}</text>");
                continue;
            }
            if (i * cw + 3 + periods.Tick(i, i - every).Length * CharWidth > Width) break;
            html.Append($"<line x1=\"{Html.N(i * cw)}\" x2=\"{Html.N(i * cw)}\" y1=\"4\" y2=\"18\"/>");
            html.Append($"<text x=\"{Html.N(i * cw + 3)}\" y=\"13\">{label}</text>");
        }
        html.Append("</svg>");
    }

    /// <summary>Opens a data row: the name cell and the chart's SVG element.</summary>
    public static void BeginRow(StringBuilder html, string nameHtml, double height, string kind, string id)
    {
        html.Append("<div class=\"row\" data-kind=\"").Append(kind).Append("\" data-id=\"").Append(Html.Escape(id)).Append("\"><div class=\"name\">")
            .Append(nameHtml).Append("</div><div class=\"chart\">")
            .Append($"<svg viewBox=\"0 0 {Html.N(Width)} {Html.N(height)}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{kind} {Html.Escape(id)} by period\">");
    }

    /// <summary>Closes the chart and writes the numbers cell.</summary>
    public static void EndRow(StringBuilder html, string numbersHtml) =>
        html.Append("</svg></div><div class=\"nums\">").Append(numbersHtml).Append("</div></div>\n");

    /// <summary>A light vertical band per period boundary, for reading values across rows.</summary>
    public static void Grid(StringBuilder html, int periods, double height)
    {
        var cw = ColumnWidth(periods);
        html.Append($"<rect class=\"frame\" x=\"0\" y=\"0\" width=\"{Html.N(Width)}\" height=\"{Html.N(height)}\"/>");
        for (var i = 1; i < periods; i++)
            html.Append($"<line class=\"grid\" x1=\"{Html.N(i * cw)}\" x2=\"{Html.N(i * cw)}\" y1=\"0\" y2=\"{Html.N(height)}\"/>");
    }

    /// <summary>An invisible column with a tooltip, so every period can be read exactly on hover.</summary>
    public static void Tip(StringBuilder html, int period, int periods, double height, string text)
    {
        var cw = ColumnWidth(periods);
        html.Append($"<rect class=\"tip\" x=\"{Html.N(period * cw)}\" y=\"0\" width=\"{Html.N(cw)}\" height=\"{Html.N(height)}\"><title>")
            .Append(Html.Escape(text)).Append("</title></rect>");
    }

    /// <summary>A horizontal bar in HTML made of coloured parts, e.g. on time / late / missing.</summary>
    public static string Bar(params (double Share, string CssClass, string Title)[] parts)
    {
        var html = new StringBuilder("<span class=\"bar\">");
        foreach (var (share, css, title) in parts)
        {
            if (share <= 0) continue;
            var percent = Math.Clamp(share * 100, 0, 100);
            html.Append($"<span class=\"{css}\" style=\"width:{Html.N(percent)}%\" title=\"{Html.Escape(title)}\"></span>");
        }
        return html.Append("</span>").ToString();
    }
}
