using System.Text;
using Allocator.Models;

namespace Allocator.Report.Sections;

/// <summary>
/// Contract 1.1: what the plan changed from the request's <c>previousPlan</c> (only when there is one): the money kept
/// and the change <c>D</c>, money moved between donors and between lines, the rows that moved most, and the previous
/// rows that could no longer exist, with the reason. Needs are compared by <c>allocator diff</c>, which has both results.
/// </summary>
internal static class RevisionSection
{
    private const int MaxRows = 12;

    public static void Render(StringBuilder html, PlanFacts f)
    {
        if (f.Request.PreviousPlan is not { } previous || f.Result.Revision is not { } revision) return;
        var currency = Html.Escape(f.Currency);
        var now = f.Result.Allocations;
        var signed = now.Sum(a => a.Signed ?? 0);

        html.Append("<section class=\"revision\">\n<h2>What changed from the previous plan</h2>\n<p class=\"lead\">")
            .Append(Html.Escape($"The previous plan committed {Html.Money(revision.Previous)} {f.Currency}; this plan keeps {Html.Money(revision.Kept)} of it (row by row, the smaller of the old and the new amount). " +
                $"The change, every {f.Currency} moved, added or removed, is {Html.Money(f.Result.Summary.Change ?? 0)}: among the plans with the best value and the least money, this is the one that changes the previous plan least."))
            .Append(signed > 0 ? Html.Escape($" Signed contracts hold {Html.Money(signed)} {f.Currency} in place.") : "")
            .Append("</p>\n");

        Totals(html, "Money by donor", previous.Allocations.GroupBy(a => a.Donor).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount)),
            now.GroupBy(a => a.Donor).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount)), f.Request.Donors.Select(d => d.Id), currency);
        Totals(html, "Money by line", previous.Allocations.GroupBy(a => a.Line).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount)),
            now.GroupBy(a => a.Line).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount)), f.Request.Lines.Select(l => l.Id), currency);

        var before = previous.Allocations.GroupBy(a => (a.Donor, a.Tranche, a.Line, a.Period)).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount));
        var after = now.ToDictionary(a => (a.Donor, a.Tranche, a.Line, a.Period), a => a.Amount);
        var threshold = 1e-9 * Math.Max(revision.Previous, f.Result.Summary.Committed);
        var moved = before.Keys.Union(after.Keys)
            .Select(k => (k, was: before.GetValueOrDefault(k), now: after.GetValueOrDefault(k)))
            .Where(x => Math.Abs(x.now - x.was) > threshold)
            .OrderByDescending(x => Math.Abs(x.now - x.was)).ThenBy(x => x.k.Donor, StringComparer.Ordinal).ThenBy(x => x.k.Tranche)
            .ThenBy(x => x.k.Line, StringComparer.Ordinal).ThenBy(x => x.k.Period).ToList();
        html.Append("<h3>Rows that moved <small>").Append(Html.Escape(Plain.Count(moved.Count, "row"))).Append(", largest change first</small></h3>\n");
        if (moved.Count > 0)
        {
            html.Append("<table class=\"mv\"><thead><tr><th>Donor</th><th>Tranche</th><th>Line</th><th>Committed in</th><th class=\"n\">Before</th><th class=\"n\">After</th></tr></thead><tbody>\n");
            foreach (var (k, was, then) in moved.Take(MaxRows))
                html.Append("<tr><td>").Append(Html.Escape(k.Donor)).Append("</td><td>").Append(Html.I(k.Tranche)).Append("</td><td>").Append(Html.Escape(k.Line))
                    .Append("</td><td>").Append(Html.Escape(f.Periods[k.Period])).Append("</td><td class=\"n\">").Append(Html.Money(was))
                    .Append("</td><td class=\"n\">").Append(Html.Money(then)).Append("</td></tr>\n");
            html.Append("</tbody></table>\n");
            if (moved.Count > MaxRows)
                html.Append("<p class=\"note\">").Append(Html.Escape(Plain.Count(moved.Count - MaxRows, "more row"))).Append(" moved less; <code>allocator diff</code> lists them all.</p>\n");
        }

        if (revision.Dropped.Count > 0)
        {
            html.Append("<h3>Previous rows that can no longer exist</h3>\n<ul>\n");
            foreach (var d in revision.Dropped)
                html.Append("<li>").Append(Html.Escape($"{d.Donor} tranche {d.Tranche} to {d.Line}, period {d.Period}, {Html.Money(d.Amount)} {f.Currency}: {d.Reason}")).Append("</li>\n");
            html.Append("</ul>\n");
        }
        html.Append("<p class=\"note\">Which needs gained or lost: <code>allocator diff OLD.json NEW.json</code> compares the two results, need by need.</p>\n</section>\n");
    }

    /// <summary>Before and after per item, only the items whose money changed, in request order.</summary>
    private static void Totals(StringBuilder html, string title, Dictionary<string, double> before, Dictionary<string, double> after, IEnumerable<string> order, string currency)
    {
        var ids = order.Concat(before.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)
            .Where(id => Math.Abs(before.GetValueOrDefault(id) - after.GetValueOrDefault(id)) > 1e-9 * Math.Max(1, Math.Max(before.GetValueOrDefault(id), after.GetValueOrDefault(id))))
            .ToList();
        if (ids.Count == 0) return;
        html.Append("<h3>").Append(Html.Escape(title)).Append(" <small>").Append(currency).Append(", where it changed</small></h3>\n")
            .Append("<table class=\"mv\"><thead><tr><th></th><th class=\"n\">Before</th><th class=\"n\">After</th></tr></thead><tbody>\n");
        foreach (var id in ids)
            html.Append("<tr><td><b>").Append(Html.Escape(id)).Append("</b></td><td class=\"n\">").Append(Html.Money(before.GetValueOrDefault(id)))
                .Append("</td><td class=\"n\">").Append(Html.Money(after.GetValueOrDefault(id))).Append("</td></tr>\n");
        html.Append("</tbody></table>\n");
    }
}
