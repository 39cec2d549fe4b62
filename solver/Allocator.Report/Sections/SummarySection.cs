using System.Text;
using Allocator.Report.Charts;

namespace Allocator.Report.Sections;

/// <summary>The top of the report: title, status, key figures, and what is missing in plain sentences.</summary>
internal static class SummarySection
{
    private const int MaxListed = 8;

    public static void Render(StringBuilder html, PlanFacts f)
    {
        var request = f.Request;
        var result = f.Result;
        var s = result.Summary;
        var currency = Html.Escape(f.Currency);
        var periods = f.Periods;

        html.Append("<header>\n<h1>").Append(Html.Escape(string.IsNullOrWhiteSpace(request.Name) ? "Allocation plan" : request.Name)).Append("</h1>\n");
        var unit = string.IsNullOrWhiteSpace(request.Horizon.Unit) ? "period" : request.Horizon.Unit!.Trim();
        var span = periods.IsCalendar
            ? $"{Html.I(periods.Count)} {Plural(unit, periods.Count)}, {periods[0]} to {periods[periods.Count - 1]}"
            : $"{Html.I(periods.Count)} periods (0 to {Html.I(periods.Count - 1)}){(string.IsNullOrWhiteSpace(periods.Start) ? "" : $", period 0 = {periods.Start}")}";
        html.Append("<p class=\"meta\"><span class=\"status status-").Append(Html.Escape(result.Status)).Append("\">")
            .Append(Html.Escape(result.Status.Replace('_', ' '))).Append("</span> ")
            .Append(Html.Escape(span)).Append(" · amounts in ").Append(currency)
            .Append(" (k = thousand, M = million, bn = billion)</p>\n");
        if (!string.IsNullOrWhiteSpace(result.Message))
            html.Append("<p class=\"warning\">").Append(Html.Escape(result.Message)).Append("</p>\n");
        html.Append("</header>\n");

        // Key figures.
        var needs = request.Needs;
        var full = Enumerable.Range(0, needs.Count).Count(n => f.NeedShortfall(n) <= NeedTimeline.Tolerance(n, f) && f.NeedLate(n) <= NeedTimeline.Tolerance(n, f));
        var short_ = Enumerable.Range(0, needs.Count).Where(n => f.NeedShortfall(n) > NeedTimeline.Tolerance(n, f)).ToList();
        var late = Enumerable.Range(0, needs.Count).Where(n => f.NeedLate(n) > NeedTimeline.Tolerance(n, f)).ToList();
        var fundedLines = Enumerable.Range(0, request.Lines.Count).Count(l => f.LineFunding[l] > 0);
        html.Append("<section class=\"cards\">\n");
        Card(html, "Value delivered", Html.Percent(s.Value, s.MaxValue),
            $"{Num(s.Value)} of {Num(s.MaxValue)} possible: a need's priority counts in full only when all of it arrives on time");
        if (s.RelaxedValue is { } relaxed)
            Card(html, "Price of whole lots", Num(Math.Max(0, relaxed - s.Value)),
                $"value lost to lots and minimum orders: {Num(relaxed)} is reachable without them" +
                (s.ValueBound is { } bound ? $"; no plan in whole lots exceeds {Num(bound)}" : ""));
        Card(html, "Money committed", $"{Html.Money(s.Committed)} <small>{currency}</small>",
            $"{Html.Percent(s.Committed, s.Available)} of {Html.Money(s.Available)} pledged; {Html.Money(s.Unallocated)} not committed");
        Card(html, "Needs met in full, on time", $"{Html.I(full)} <small>of {Html.I(needs.Count)}</small>",
            $"{Html.I(late.Count)} with late units, {Html.I(short_.Count)} with units missing");
        Card(html, "Lines funded", $"{Html.I(fundedLines)} <small>of {Html.I(request.Lines.Count)}</small>",
            $"{Plain.Count(result.Allocations.Count, "commitment")} by {Plain.Count(request.Donors.Count, "donor")}");
        html.Append("</section>\n");

        // The gain over a careful hand-made plan, when the result carries explanations.
        BaselineSection.Render(html, f);

        // What is missing: shortfalls by priority, late units, money left.
        var gaps = new List<string>();
        foreach (var n in short_.OrderByDescending(n => needs[n].Priority).ThenBy(n => n).Take(MaxListed))
        {
            var need = needs[n];
            var missing = f.NeedShortfall(n);
            gaps.Add($"<b title=\"{Html.Escape($"{need.Category}, priority {Html.Units(need.Priority)}")}\">{Html.Escape(need.Id)}</b> " +
                     $"<span class=\"miss\">{Html.Units(missing)}</span> of {Html.Units(need.Quantity)} ({Html.Percent(missing, need.Quantity)})");
        }
        if (short_.Count > MaxListed) gaps.Add($"and {Plain.Count(short_.Count - MaxListed, "more need")}");
        var lateItems = new List<string>();
        foreach (var n in late.OrderByDescending(n => needs[n].Priority).ThenBy(n => n).Take(MaxListed))
        {
            var need = needs[n];
            lateItems.Add($"<b>{Html.Escape(need.Id)}</b> <span class=\"late\">{Html.Units(f.NeedLate(n))}</span> of {Html.Units(need.Quantity)} after {Html.Escape(periods[need.DueBy])}");
        }
        if (late.Count > MaxListed) lateItems.Add($"and {Plain.Count(late.Count - MaxListed, "more need")}");
        var money = new List<string>();
        var donors = request.Donors;
        var leftover = Enumerable.Range(0, donors.Count)
            .Where(d => f.DonorAvailable[d] - f.DonorCommitted[d] > 0.005 * f.DonorAvailable[d]).ToList();
        foreach (var d in leftover.OrderByDescending(d => f.DonorAvailable[d] - f.DonorCommitted[d]).ThenBy(d => d).Take(MaxListed))
            money.Add($"<b>{Html.Escape(f.DonorName(d))}</b> <span class=\"miss\">{Html.Money(f.DonorAvailable[d] - f.DonorCommitted[d])}</span> of {Html.Money(f.DonorAvailable[d])}");
        if (leftover.Count > MaxListed) money.Add($"and {Plain.Count(leftover.Count - MaxListed, "more donor")}");

        html.Append("<section class=\"missing\">\n<h2>What is missing</h2>\n");
        if (gaps.Count == 0 && lateItems.Count == 0)
            html.Append("<p class=\"ok\">Every need is covered in full and on time.</p>\n");
        List(html, "Units missing, by priority", gaps);
        List(html, "Units late, by priority", lateItems);
        List(html, $"Money not committed ({f.Currency})", money);
        html.Append("</section>\n");
    }

    private static void Card(StringBuilder html, string title, string figureHtml, string noteHtml) =>
        html.Append("<div class=\"card\"><div class=\"k\">").Append(Html.Escape(title)).Append("</div><div class=\"f\">")
            .Append(figureHtml).Append("</div><div class=\"d\">").Append(noteHtml).Append("</div></div>\n");

    private static void List(StringBuilder html, string title, List<string> items)
    {
        if (items.Count == 0) return;
        html.Append("<div class=\"list\"><h3>").Append(Html.Escape(title)).Append("</h3><ul>");
        foreach (var item in items) html.Append("<li>").Append(item).Append("</li>");
        html.Append("</ul></div>\n");
    }

    private static string Num(double x) => x.ToString(Math.Abs(x) >= 100 ? "#,0" : "#,0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static string Plural(string unit, int count) =>
        count == 1 || unit.EndsWith('s') ? unit : unit + "s";
}
