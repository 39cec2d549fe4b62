using System.Text;
using Allocator.Models;
using Allocator.Report.Charts;
using Allocator.Report.Sankey;
using Allocator.Report.Sections;

namespace Allocator.Report;

/// <summary>
/// Writes the visual report of a plan: one self-contained HTML page (inline SVG and CSS, no script, nothing fetched
/// from the network) with the flow of money from donors through lines to needs, the deliveries of every need
/// against its due date, donors' commitments and lines' use of capacity. See docs/report.md.
/// </summary>
public static class ReportWriter
{
    /// <summary>
    /// Why <paramref name="result"/> cannot be drawn against <paramref name="request"/> (ids or periods the request
    /// does not have, another base currency); empty when they match.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(AllocationRequest request, AllocationResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        return Consistency.Problems(request, result);
    }

    /// <summary>
    /// The report as an HTML document. The same request and result always give the same text.
    /// </summary>
    /// <param name="request">The request the plan was computed for (a valid one).</param>
    /// <param name="result">The plan.</param>
    /// <exception cref="ArgumentException">The result does not belong to the request (see <see cref="Mismatches"/>).</exception>
    public static string Write(AllocationRequest request, AllocationResult result)
    {
        var problems = Mismatches(request, result);
        if (problems.Count > 0)
            throw new ArgumentException("the result does not match the request: " + string.Join("; ", problems), nameof(result));

        var facts = new PlanFacts(request, result);
        var html = new StringBuilder(256 * 1024);
        var title = string.IsNullOrWhiteSpace(request.Name) ? "Allocation plan" : request.Name;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"Allocator report\">\n")
            .Append("<title>").Append(Html.Escape(title)).Append(" — allocation report</title>\n")
            .Append("<style>\n").Append(Styles.Css).Append("</style>\n</head>\n<body>\n<main>\n");

        SummarySection.Render(html, facts);
        RevisionSection.Render(html, facts); // contract 1.1: only with a previous plan

        html.Append("<section class=\"flow\">\n<h2>Where the money goes</h2>\n")
            .Append("<p class=\"lead\">Each band is money, its width proportional to the amount: from the donors on the left, " +
                    "through the production lines it pays for, to the needs their units serve (units valued at the line's unit price). " +
                    "Colours are product categories. Hover over a band or a box for exact figures.</p>\n");
        var graph = SankeyBuilder.Build(facts);
        if (graph.Links.Count == 0 || facts.TotalCommitted <= 0)
        {
            html.Append("<p class=\"note\">No money is committed in this plan, so there is no flow to draw.</p>\n");
        }
        else
        {
            CategoryLegend(html, graph);
            html.Append("<figure class=\"flow-diagram\">\n");
            SankeySvg.Render(html, graph, SankeyLayout.Compute(graph), facts.Currency);
            html.Append("</figure>\n");
            foreach (var note in graph.Notes) html.Append("<p class=\"note\">").Append(Html.Escape(note)).Append("</p>\n");
        }
        html.Append("</section>\n");

        html.Append("<section class=\"timeline\">\n<h2>What arrives when</h2>\n")
            .Append("<p class=\"lead\">One row per need, one column per period. Bars show how much of the quantity has arrived so far; " +
                    "the solid top of a bar is what arrives in that period. Right of the red line is late. On the right: on time, late and missing.</p>\n");
        NeedTimeline.Render(html, facts);
        html.Append("</section>\n");

        DeliveryRiskSection.Render(html, facts); // only when some line may slip

        html.Append("<section class=\"donor-use\">\n<h2>Donors: committed against available</h2>\n")
            .Append("<p class=\"lead\">Per period, the money each donor could still commit (its open tranches, less what was already committed) and what was committed. " +
                    "Money still available when a tranche expires is lost to the plan.</p>\n");
        DonorChart.Render(html, facts);
        html.Append("</section>\n");

        html.Append("<section class=\"line-use\">\n<h2>Lines: funded units against capacity</h2>\n")
            .Append("<p class=\"lead\">Per delivery period, each line's capacity and the funded units it delivers. A full bar is a line working at capacity.</p>\n");
        LineChart.Render(html, facts);
        html.Append("</section>\n");

        // Present only when the result carries explanations (the baseline comparison is part of the summary above).
        ExplanationsSection.Render(html, facts);

        var d = result.Diagnostics;
        html.Append("<footer>Allocator").Append(d.EngineVersion is null ? "" : " " + Html.Escape(d.EngineVersion))
            .Append(" · backend ").Append(Html.Escape(d.Backend))
            .Append(" · ").Append(Html.I(d.Variables)).Append(" variables, ").Append(Html.I(d.Constraints)).Append(" constraints")
            .Append(" · request SHA-256 ").Append(Html.Escape(d.InputSha256.Length > 12 ? d.InputSha256[..12] + "…" : d.InputSha256))
            .Append("</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void CategoryLegend(StringBuilder html, SankeyGraph graph)
    {
        // Categories in the order of their colours (most money first), only those drawn.
        var seen = new List<(string Category, string Color)>();
        foreach (var node in graph.Nodes.Where(n => n.Column != SankeyColumn.Donors))
        {
            if (node.Category is not { } category || seen.Any(s => s.Category == category)) continue;
            seen.Add((category, node.Color));
        }
        if (graph.Nodes.Any(n => n.Color == Palette.Mixed)) seen.Add(("several categories", Palette.Mixed));
        if (graph.Nodes.Any(n => n.Kind is "unallocated" or "undelivered")) seen.Add(("not committed / not delivered", Palette.Unallocated));
        html.Append("<p class=\"legend\">");
        foreach (var (category, color) in seen)
            html.Append("<span class=\"sw\" style=\"background:").Append(color).Append("\"></span>").Append(Html.Escape(category)).Append(' ');
        html.Append("</p>\n");
    }
}
