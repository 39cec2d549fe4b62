using System.Text;
using Allocator.Models;
using Allocator.Report.Charts;

namespace Allocator.Report.Sections;

/// <summary>
/// Delivery risk (contract 1.1, section 4), only when some line of the request may slip: the plan's expected value
/// against its value if every unit arrived when due, and the producers whose failure would cost the most expected
/// value (exact figures from <see cref="DeliveryRisk.Exposure"/>; <c>allocator stress</c> samples the spread).
/// </summary>
internal static class DeliveryRiskSection
{
    /// <summary>Producers listed; the stress test lists them all.</summary>
    private const int MaxListed = 8;

    public static void Render(StringBuilder html, PlanFacts facts)
    {
        var request = facts.Request;
        if (!DeliveryRisk.HasSlips(request) || facts.Result.Deliveries.Count == 0) return;
        var (expected, ifOnTime, producers) = DeliveryRisk.Exposure(request, facts.Result);
        var slipping = request.Lines.Count(DeliveryRisk.MaySlip);

        html.Append("<section class=\"risk\">\n<h2>Delivery risk</h2>\n")
            .Append("<p class=\"lead\">").Append(Html.Escape(Plain.Count(slipping, "line")))
            .Append(" may deliver late, with the probabilities the request gives (<code>slip</code>). The plan maximises the expected value: ")
            .Append("each unit is valued at what it is worth on average over its possible arrival periods, and nothing after the horizon.</p>\n");
        html.Append("<div class=\"compare\">\n<h3>Value of the plan</h3>\n");
        var scale = Math.Max(ifOnTime, expected);
        Bar(html, "Expected", expected, scale, "b-on");
        Bar(html, "If every unit arrived when due", ifOnTime, scale, "b-base");
        html.Append("</div>\n");

        var listed = producers.Where(p => p.Loss > 0).Take(MaxListed).ToList();
        if (listed.Count > 0)
        {
            var top = listed[0].Loss;
            html.Append("<p class=\"note\">Single points of failure: the expected value the plan loses if one producer delivers nothing at all.</p>\n")
                .Append("<table class=\"mv\"><thead><tr><th>Producer</th><th>Lines</th><th class=\"n\">Value lost</th><th class=\"barcell\"></th><th class=\"n\">Share</th><th>Needs hit most</th></tr></thead><tbody>\n");
            foreach (var p in listed)
                html.Append("<tr><td><b>").Append(Html.Escape(p.Producer)).Append("</b></td><td>").Append(Html.Escape(string.Join(", ", p.Lines)))
                    .Append("</td><td class=\"n\">").Append(Plain.Number(p.Loss)).Append("</td><td class=\"barcell\">")
                    .Append(RowChart.Bar((p.Loss / top, "b-mv", $"{Plain.Number(p.Loss)} value lost")))
                    .Append("</td><td class=\"n\">").Append(Plain.Number(p.LossShare * 100)).Append("%</td><td><small>")
                    .Append(Html.Escape(string.Join(", ", p.Needs.Take(3).Select(n => $"{n.Id} {Plain.Number(n.Loss)}")))).Append("</small></td></tr>\n");
            html.Append("</tbody></table>\n");
        }
        html.Append("<p class=\"note\">Each need's chance of arriving on time and the spread of its value: <code>allocator stress RESULT.json --request REQUEST.json</code>.</p>\n")
            .Append("</section>\n");
    }

    private static void Bar(StringBuilder html, string label, double amount, double scale, string css)
    {
        var share = scale > 0 ? Math.Clamp(amount / scale, 0, 1) : 0;
        html.Append("<div class=\"cmp\"><span class=\"who\">").Append(Html.Escape(label)).Append("</span><span class=\"bar\">");
        if (share > 0) html.Append("<span class=\"").Append(css).Append("\" style=\"width:").Append(Html.N(share * 100)).Append("%\"></span>");
        html.Append("</span><span class=\"num\">").Append(Html.Escape(Plain.Number(amount))).Append("</span></div>\n");
    }
}
