using System.Globalization;
using System.Text;
using Allocator.Models;
using Allocator.Report.Charts;

namespace Allocator.Report.Sections;

/// <summary>
/// The section "Why" (<c>result.explanations</c>): what one more million of each tranche would buy, one sentence per
/// reason for money left, needs short and capacity left (with the reason's code as a tag), the capacity that limits
/// value per delivery period, and the notes and the basis of the marginal values. Long lists show the
/// <see cref="MaxListed"/> largest items; up to <see cref="MaxRevealed"/> more open on a click (<c>&lt;details&gt;</c>,
/// no script), and the rest are counted. Absent when the result has no explanations.
/// </summary>
internal static class ExplanationsSection
{
    /// <summary>Items shown in each list and table.</summary>
    public const int MaxListed = 12;

    /// <summary>Further items behind "N more"; beyond them the list only counts (the result's JSON holds all).</summary>
    public const int MaxRevealed = 100;

    private const double BottleneckHeight = 22;

    /// <summary>True when the result has explanations to show.</summary>
    public static bool IsPresent(PlanFacts facts) => facts.Result.Explanations is not null;

    public static void Render(StringBuilder html, PlanFacts facts)
    {
        if (!IsPresent(facts)) return;
        var e = facts.Result.Explanations!;
        html.Append("<section class=\"why\">\n<h2>Why</h2>\n")
            .Append("<p class=\"lead\">Why the plan looks like this: what more money would buy, why money, needs and capacity are left, " +
                    "and which capacity limits the value. Marginal values are the value V gained per unit added, read from the linear program.</p>\n");
        MarginalMoney(html, facts, e);
        Reasons(html, facts, e);
        Bottlenecks(html, facts, e);
        if (e.Notes is { Count: > 0 } notes)
        {
            html.Append("<div class=\"why-notes\"><h3>Notes</h3><ul>");
            foreach (var note in notes) html.Append("<li>").Append(Html.Escape(note)).Append("</li>");
            html.Append("</ul></div>\n");
        }
        if (!string.IsNullOrWhiteSpace(e.MarginalValueBasis))
            html.Append("<p class=\"fine\"><b>Marginal values:</b> ").Append(Html.Escape(e.MarginalValueBasis)).Append("</p>\n");
        html.Append("</section>\n");
    }

    /// <summary>(a) Tranches whose next million adds value, largest first, with a bar on one scale.</summary>
    private static void MarginalMoney(StringBuilder html, PlanFacts f, PlanExplanations e)
    {
        var currency = Html.Escape(f.Currency);
        html.Append("<div class=\"why-part\"><h3>What one more million would buy</h3>\n");
        if (!e.Tranches.Any(t => t.MarginalValuePerMillion is not null))
        {
            html.Append("<p class=\"note\">Marginal values were not computed for this plan (see the notes below).</p></div>\n");
            return;
        }
        var valued = e.Tranches.Where(t => t.MarginalValuePerMillion is > 0 && double.IsFinite(t.MarginalValuePerMillion.Value))
            .OrderByDescending(t => t.MarginalValuePerMillion).ThenBy(t => t.Donor, StringComparer.Ordinal).ThenBy(t => t.Tranche).ToList();
        if (valued.Count == 0)
        {
            html.Append("<p class=\"note\">No tranche: one more million would add no value anywhere. Money is not the bottleneck; capacity, timing or the needs' sizes are.</p></div>\n");
            return;
        }
        var top = valued[0].MarginalValuePerMillion!.Value;
        var tiers = valued.Any(t => t.Tier is not null);
        html.Append("<p class=\"note\">Value V gained per extra 1M ").Append(currency)
            .Append(" in the tranche, for the tranches where it gains any (").Append(Html.I(e.Tranches.Count - valued.Count))
            .Append(" others add nothing).</p>\n");
        html.Append("<table class=\"mv\"><thead><tr><th>Donor</th><th>Tranche</th><th class=\"n\">Value per +1M ").Append(currency)
            .Append("</th><th class=\"barcell\"></th>").Append(tiers ? "<th>Tier</th>" : "").Append("<th>Measured by</th></tr></thead><tbody>\n");
        void Row(TrancheExplanation t)
        {
            var value = t.MarginalValuePerMillion!.Value;
            html.Append("<tr><td><b>").Append(Html.Escape(DonorName(f, t.Donor))).Append("</b></td><td>").Append(TrancheLabel(f, t)).Append("</td><td class=\"n\">")
                .Append(Plain.Number(value)).Append("</td><td class=\"barcell\">").Append(RowChart.Bar((value / top, "b-mv", $"{Plain.Number(value)} value per +1M {f.Currency}")))
                .Append("</td>");
            if (tiers) html.Append("<td>").Append(t.Tier is { } tier ? Html.I(tier) : "").Append("</td>");
            html.Append("<td><small>").Append(Html.Escape(Derivative(t.Derivative))).Append("</small></td></tr>\n");
        }
        foreach (var t in valued.Take(MaxListed)) Row(t);
        html.Append("</tbody></table>\n");
        if (valued.Count > MaxListed)
        {
            html.Append("<details><summary>").Append(Plain.Count(valued.Count - MaxListed, "more tranche")).Append(" that gain").Append(valued.Count - MaxListed == 1 ? "s" : "").Append(" value</summary>")
                .Append("<table class=\"mv\"><tbody>\n");
            foreach (var t in valued.Skip(MaxListed).Take(MaxRevealed)) Row(t);
            html.Append("</tbody></table>");
            Rest(html, valued.Count - MaxListed - MaxRevealed, "tranches", "explanations.tranches");
            html.Append("</details>\n");
        }
        html.Append("</div>\n");
    }

    /// <summary>(b) Money left, needs short and capacity left: one sentence per reason, largest first.</summary>
    private static void Reasons(StringBuilder html, PlanFacts f, PlanExplanations e)
    {
        var currency = f.Currency;
        var money = e.Tranches.Where(t => t.Reason is not null)
            .OrderByDescending(t => t.Unallocated).ThenBy(t => t.Donor, StringComparer.Ordinal).ThenBy(t => t.Tranche)
            .Select(t => new Item(
                $"<b>{Html.Escape(DonorName(f, t.Donor))}</b> <small>{TrancheLabel(f, t)}</small> <span class=\"miss\">{Html.Money(t.Unallocated)} {Html.Escape(currency)}</span> left",
                t.Reason!)).ToList();
        // Needs by the value their shortfall would carry if delivered on time; capacity by the money's worth left.
        var needs = e.Needs.Where(n => n.Reason is not null)
            .Select(n => (n, Lost: f.NeedIndex.TryGetValue(n.Need, out var i) && f.Request.Needs[i].Quantity > 0 ? n.ShortfallUnits * f.Request.Needs[i].Priority / f.Request.Needs[i].Quantity : 0))
            .OrderByDescending(x => x.Lost).ThenByDescending(x => x.n.ShortfallUnits).ThenBy(x => x.n.Need, StringComparer.Ordinal)
            .Select(x => new Item(
                $"<b>{Html.Escape(x.n.Need)}</b> <span class=\"miss\">{Html.Units(x.n.ShortfallUnits)}</span> {Plain.Noun(Html.Units(x.n.ShortfallUnits), "unit")} short" +
                (f.NeedIndex.TryGetValue(x.n.Need, out var i) ? $" of {Html.Units(f.Request.Needs[i].Quantity)}" : ""),
                x.n.Reason!)).ToList();
        var lines = e.Lines.Where(l => l.Reason is not null)
            .Select(l => (l, Worth: f.LineIndex.TryGetValue(l.Line, out var i) ? l.UnfundedUnits * f.LineUnitCost[i] : 0))
            .OrderByDescending(x => x.Worth).ThenByDescending(x => x.l.UnfundedUnits).ThenBy(x => x.l.Line, StringComparer.Ordinal)
            .Select(x => new Item(
                $"<b>{Html.Escape(x.l.Line)}</b> <span class=\"miss\">{Html.Units(x.l.UnfundedUnits)}</span> {Plain.Noun(Html.Units(x.l.UnfundedUnits), "unit")} unfunded" +
                (x.Worth > 0 ? $" <small>({Html.Money(x.Worth)} {Html.Escape(currency)} at its unit cost)</small>" : ""),
                x.l.Reason!)).ToList();
        List(html, "Money left, and why", money, "tranches", "explanations.tranches");
        List(html, "Needs short, and why", needs, "needs", "explanations.needs");
        List(html, "Capacity left, and why", lines, "lines", "explanations.lines");
    }

    private sealed record Item(string HeadHtml, Reason Reason);

    private static void List(StringBuilder html, string title, List<Item> items, string noun, string path)
    {
        if (items.Count == 0) return;
        html.Append("<div class=\"why-part\"><h3>").Append(Html.Escape(title)).Append(" <small>")
            .Append(Html.I(items.Count)).Append(' ').Append(items.Count == 1 ? noun.TrimEnd('s') : noun).Append("</small></h3>\n<ul class=\"reasons\">\n");
        foreach (var item in items.Take(MaxListed)) Reason(html, item);
        html.Append("</ul>\n");
        if (items.Count > MaxListed)
        {
            html.Append("<details><summary>").Append(Html.I(items.Count - MaxListed)).Append(" more ").Append(items.Count - MaxListed == 1 ? noun.TrimEnd('s') : noun).Append("</summary><ul class=\"reasons\">\n");
            foreach (var item in items.Skip(MaxListed).Take(MaxRevealed)) Reason(html, item);
            html.Append("</ul>");
            Rest(html, items.Count - MaxListed - MaxRevealed, noun, path);
            html.Append("</details>\n");
        }
        html.Append("</div>\n");
    }

    private static void Reason(StringBuilder html, Item item) =>
        html.Append("<li><div class=\"head\">").Append(item.HeadHtml).Append(" <span class=\"tag\">").Append(Html.Escape(item.Reason.Code))
            .Append("</span></div><div class=\"msg\">").Append(Html.Escape(item.Reason.Message)).Append("</div></li>\n");

    private static void Rest(StringBuilder html, int count, string noun, string path)
    {
        if (count > 0)
            html.Append("<p class=\"note\">and ").Append(Html.I(count)).Append(" more ").Append(count == 1 ? noun.TrimEnd('s') : noun)
                .Append(", all in the result's JSON (").Append(path).Append(").</p>");
    }

    /// <summary>(c) Lines whose capacity binds with a positive value: per delivery period, the value of one more unit.</summary>
    private static void Bottlenecks(StringBuilder html, PlanFacts f, PlanExplanations e)
    {
        var p = f.Periods.Count;
        var rows = e.Lines
            .Select(l => (l, Values: l.CapacityValue.Where(v => v.Value > 0 && double.IsFinite(v.Value) && v.Period >= 0 && v.Period < p).ToList()))
            .Where(x => x.Values.Count > 0)
            .Select(x => (x.l, x.Values, Max: x.Values.Max(v => v.Value)))
            .OrderByDescending(x => x.Max).ThenBy(x => x.l.Line, StringComparer.Ordinal).ToList();
        if (rows.Count == 0) return;
        html.Append("<div class=\"why-part\"><h3>Capacity that limits value <small>").Append(Html.I(rows.Count)).Append(rows.Count == 1 ? " line" : " lines").Append("</small></h3>\n")
            .Append("<p class=\"note\">Lines working at capacity where more would add value: per delivery period, the value V one more unit of capacity would add " +
                    "(each row on its own scale, the tallest bar is the row's largest value). Largest first.</p>\n");
        html.Append("<p class=\"legend\"><span class=\"sw mv\"></span>value of one more unit of capacity in the period</p>\n");
        RowChart.Begin(html, "bottlenecks", f.Periods, "Line", "Value per extra unit");
        var cw = RowChart.ColumnWidth(p);
        var w = Math.Max(1, cw * 0.6);
        foreach (var (l, values, max) in rows.Take(MaxListed))
        {
            var name = $"<b>{Html.Escape(l.Line)}</b>";
            if (f.LineIndex.TryGetValue(l.Line, out var index))
            {
                var line = f.Request.Lines[index];
                var what = string.IsNullOrWhiteSpace(line.Product) ? line.Category : line.Product!;
                name += $"<small title=\"{Html.Escape($"{line.Producer} ({line.Country}) · {what}")}\">{Html.Escape(line.Producer)} ({Html.Escape(line.Country)}) · {Html.Escape(Html.Truncate(what, 40))}</small>";
            }
            RowChart.BeginRow(html, name, BottleneckHeight, "bottleneck", l.Line);
            RowChart.Grid(html, p, BottleneckHeight);
            var byPeriod = values.GroupBy(v => v.Period).ToDictionary(g => g.Key, g => g.Max(v => v.Value));
            foreach (var (s, value) in byPeriod.OrderBy(kv => kv.Key))
            {
                var h = Math.Max(1.5, value / max * (BottleneckHeight - 4));
                html.Append($"<rect class=\"mv\" x=\"{Html.N(s * cw + (cw - w) / 2)}\" y=\"{Html.N(BottleneckHeight - 2 - h)}\" width=\"{Html.N(w)}\" height=\"{Html.N(h)}\"/>");
                RowChart.Tip(html, s, p, BottleneckHeight, $"{f.Periods[s]}: one more unit of capacity adds {Plain.Number(value)} value");
            }
            html.Append($"<line class=\"base\" x1=\"0\" x2=\"{Html.N(RowChart.Width)}\" y1=\"{Html.N(BottleneckHeight - 2)}\" y2=\"{Html.N(BottleneckHeight - 2)}\"/>");
            var peak = byPeriod.Where(kv => kv.Value >= max * (1 - 1e-9)).Select(kv => kv.Key).Order().ToList();
            var when = f.Periods[peak[0]] + (peak.Count > 1 ? $" and {Plain.Count(peak.Count - 1, "other period")}" : "");
            RowChart.EndRow(html, $"<small>up to <b>{Plain.Number(max)}</b> per unit · {Html.Escape(when)}</small>" +
                                  $"<small class=\"sub\">binds in {Html.I(byPeriod.Count)} of {Html.I(p)} periods</small>");
        }
        RowChart.End(html);
        if (rows.Count > MaxListed)
        {
            // Further lines as text only: charts inside a closed <details> would have no size.
            html.Append("<details><summary>").Append(Plain.Count(rows.Count - MaxListed, "more line")).Append("</summary><ul class=\"plain\">");
            foreach (var (l, values, max) in rows.Skip(MaxListed).Take(MaxRevealed))
                html.Append("<li><b>").Append(Html.Escape(l.Line)).Append("</b> up to ").Append(Plain.Number(max)).Append(" value per unit, in ")
                    .Append(Plain.Count(values.Select(v => v.Period).Distinct().Count(), "period")).Append("</li>");
            html.Append("</ul>");
            Rest(html, rows.Count - MaxListed - MaxRevealed, "lines", "explanations.lines[].capacityValue");
            html.Append("</details>\n");
        }
        html.Append("</div>\n");
    }

    private static string DonorName(PlanFacts f, string id) => f.DonorIndex.TryGetValue(id, out var d) ? f.DonorName(d) : id;

    /// <summary>"tranche 2 of 3 · 300M EUR from 2024-10", numbered from 1 for people (the JSON's index is 0-based).</summary>
    private static string TrancheLabel(PlanFacts f, TrancheExplanation t)
    {
        if (!f.DonorIndex.TryGetValue(t.Donor, out var d) || t.Tranche < 0 || t.Tranche >= f.Request.Donors[d].Tranches.Count)
            return "tranche " + Html.I(t.Tranche + 1);
        var tranches = f.Request.Donors[d].Tranches;
        var tranche = tranches[t.Tranche];
        var label = tranches.Count == 1 ? "its only tranche" : $"tranche {Html.I(t.Tranche + 1)} of {Html.I(tranches.Count)}";
        label += $" · {Html.Money(f.TrancheAmount[d][t.Tranche])} {Html.Escape(f.Currency)}";
        if (tranche.AvailableFrom is { } from && from > 0) label += $" from {Html.Escape(f.Periods[from])}";
        return label;
    }

    private static string Derivative(string? derivative) => derivative switch
    {
        null or "" => "",
        "dual" => "dual",
        "right-derivative" => "re-solve",
        _ => derivative,
    };

}
