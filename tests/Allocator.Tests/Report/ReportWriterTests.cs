using System.Diagnostics;
using System.Text.RegularExpressions;
using Allocator.Models;
using Allocator.Report;
using Allocator.Report.Sankey;
using Allocator.Report.Sections;
using Allocator.Tests.Checking;
using Allocator.Solver;
using Xunit.Abstractions;

namespace Allocator.Tests.Report;

public sealed class ReportWriterTests(ITestOutputHelper output)
{
    private const string Hostile = "<script>alert(\"x\")</script>&'";

    /// <summary>A tiny request whose ids, names and categories are all hostile markup.</summary>
    private static readonly string HostileRequest = $$"""
        {
          "schemaVersion": "1", "name": "{{Json(Hostile)}} plan", "baseCurrency": "EUR", "horizon": { "periods": 3, "start": "2024-07", "unit": "month" },
          "donors": [ { "id": "d{{Json(Hostile)}}", "name": "Donor {{Json(Hostile)}}", "tranches": [ { "amount": 1000, "currency": "EUR" } ] } ],
          "lines": [ { "id": "l{{Json(Hostile)}}", "producer": "p{{Json(Hostile)}}", "country": "UA", "category": "c{{Json(Hostile)}}", "product": "x{{Json(Hostile)}}", "unitCost": 10, "currency": "EUR", "leadTime": 0, "capacity": 4 } ],
          "needs": [ { "id": "n{{Json(Hostile)}}", "category": "c{{Json(Hostile)}}", "quantity": 10, "priority": 10, "dueBy": 1 } ]
        }
        """;

    private static string Json(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private static (AllocationRequest Request, AllocationResult Result) Solve(string json)
    {
        var request = TestRequests.Parse(json);
        return (request, AllocationEngine.Solve(request));
    }

    [Fact]
    public void Every_user_string_is_escaped()
    {
        var (request, result) = Solve(HostileRequest);
        var html = ReportWriter.Write(request, result);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"x\")", html);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;", html);
        // The hostile ids still identify their nodes, escaped, in the flow diagram.
        Assert.Contains("data-kind=\"donor\" data-id=\"d&lt;script&gt;", html);
        Assert.Contains("data-kind=\"line\" data-id=\"l&lt;script&gt;", html);
        Assert.Contains("data-kind=\"need\" data-id=\"n&lt;script&gt;", html);
    }

    [Fact]
    public void Escape_covers_markup_quotes_and_control_characters()
    {
        Assert.Equal("a&lt;b&gt;c&amp;d&quot;e&#39;f", Html.Escape("a<b>c&d\"e'f"));
        Assert.Equal("ab", Html.Escape("a\u0001b"));
        Assert.Equal("", Html.Escape(null));
        Assert.Equal("plain", Html.Escape("plain"));
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var (request, result) = ReportFixtures.Ukraine2024;
        var html = ReportWriter.Write(request, result);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        // Only references inside the page itself (the flow diagram's label backing, url(#label-backing)).
        Assert.DoesNotMatch(@"(?i)url\((?!#)", html);
        Assert.Contains("default-src 'none'", html);
        Assert.StartsWith("<!DOCTYPE html>", html);
    }

    [Fact]
    public void Same_inputs_give_the_same_bytes()
    {
        var (request, result) = ReportFixtures.Ukraine2024;
        var first = ReportWriter.Write(request, result);
        var second = ReportWriter.Write(request, result);
        Assert.Equal(first, second);
        // Also through a JSON round trip of the result, as the CLI reads it.
        var again = AllocatorJson.Context.AllocationResult;
        var copy = System.Text.Json.JsonSerializer.Deserialize(AllocatorJson.Serialize(result), again)!;
        Assert.Equal(first, ReportWriter.Write(request, copy));
    }

    [Fact]
    public void The_2024_report_has_every_section_and_one_node_per_donor_line_and_need_with_flow()
    {
        var (request, result) = ReportFixtures.Ukraine2024;
        var html = ReportWriter.Write(request, result);
        foreach (var heading in new[] { "What is missing", "Where the money goes", "What arrives when", "Donors: committed against available", "Lines: funded units against capacity" })
            Assert.Contains($">{heading}</h2>", html);
        foreach (var donor in request.Donors.Where(d => result.Donors.Single(r => r.Id == d.Id).Committed > 0))
            Assert.Single(Regex.Matches(html, $"<rect class=\"node node-donor\" data-kind=\"donor\" data-id=\"{Regex.Escape(donor.Id)}\""));
        foreach (var line in result.Lines.Where(l => l.Funding > 0))
            Assert.Single(Regex.Matches(html, $"<rect class=\"node node-line\" data-kind=\"line\" data-id=\"{Regex.Escape(line.Id)}\""));
        foreach (var need in result.Needs.Where(n => n.DeliveredUnits > 0))
            Assert.Single(Regex.Matches(html, $"<rect class=\"node node-need\" data-kind=\"need\" data-id=\"{Regex.Escape(need.Id)}\""));
        // Calendar labels from horizon.start, as a planner writes months: the axis runs Jul 2024 .. Jun 2025.
        Assert.Contains(">Jul 2024</text>", html);
        Assert.Contains(">Dec</text>", html);
        Assert.Contains(">Jan 2025</text>", html);
        Assert.Contains(">Jun</text>", html);
        Assert.DoesNotContain("other producers", html);
    }

    [Fact]
    public void The_2024_report_explains_why_and_compares_with_the_hand_made_plan()
    {
        var (request, result) = ReportFixtures.Ukraine2024;
        var e = result.Explanations;
        Assert.NotNull(e);
        var html = ReportWriter.Write(request, result);

        // The baseline: a headline card under the key figures, before "What is missing".
        var baseline = Section(html, "<section class=\"baseline\"");
        Assert.True(html.IndexOf("<section class=\"baseline\"", StringComparison.Ordinal) < html.IndexOf(">What is missing</h2>", StringComparison.Ordinal));
        Assert.Contains($"{Math.Round(e.Baseline.GainPercent!.Value):0}% more value <small>than a careful hand-made plan</small>", baseline);
        Assert.Contains(Html.Escape(e.Baseline.Method), baseline);
        Assert.Contains($">{Html.Money(e.Baseline.Committed)} <small>EUR</small>", baseline);
        Assert.Equal(4, Regex.Matches(baseline, "<div class=\"cmp\">").Count);

        // "Why", after the charts.
        var why = Section(html, "<section class=\"why\"");
        Assert.Contains(">Why</h2>", why);
        Assert.True(html.IndexOf("<section class=\"why\"", StringComparison.Ordinal) > html.IndexOf(">Lines: funded units against capacity</h2>", StringComparison.Ordinal));

        // (a) One table row per tranche whose next million adds value, largest first.
        var valued = e.Tranches.Where(t => t.MarginalValuePerMillion > 0)
            .OrderByDescending(t => t.MarginalValuePerMillion).ThenBy(t => t.Donor, StringComparer.Ordinal).ThenBy(t => t.Tranche).ToList();
        Assert.NotEmpty(valued);
        var table = Regex.Match(why, "<table class=\"mv\">.*?</table>", RegexOptions.Singleline).Value;
        var rows = Regex.Matches(table, "<tr><td><b>([^<]*)</b></td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(valued.Select(t => Html.Escape(request.Donors.Single(d => d.Id == t.Donor).Name ?? t.Donor)), rows);

        // (b) One sentence per reason, with its code as a tag, in the list it belongs to.
        foreach (var reason in e.Tranches.Select(t => t.Reason).Concat(e.Needs.Select(n => n.Reason)).Concat(e.Lines.Select(l => l.Reason)).OfType<Reason>())
        {
            Assert.Contains($"<div class=\"msg\">{Html.Escape(reason.Message)}</div>", why);
            Assert.Contains($"<span class=\"tag\">{Html.Escape(reason.Code)}</span>", why);
        }
        Assert.Contains(">Money left, and why <small>1 tranche</small>", why);
        Assert.Contains($">Needs short, and why <small>{e.Needs.Count(n => n.Reason is not null)} needs</small>", why);
        Assert.Contains($">Capacity left, and why <small>{e.Lines.Count(l => l.Reason is not null)} lines</small>", why);
        Assert.DoesNotContain("<details>", why); // 12 or fewer per list: nothing hidden

        // (c) One bottleneck row per line whose capacity has a positive value, the largest value first.
        var bottlenecks = e.Lines.Where(l => l.CapacityValue.Any(v => v.Value > 0))
            .OrderByDescending(l => l.CapacityValue.Max(v => v.Value)).ThenBy(l => l.Line, StringComparer.Ordinal).Select(l => l.Line).ToList();
        Assert.Equal(bottlenecks, Regex.Matches(why, "<div class=\"row\" data-kind=\"bottleneck\" data-id=\"([^\"]*)\"").Select(m => m.Groups[1].Value));

        // (d) The basis of the marginal values, in small print.
        Assert.Contains($"<p class=\"fine\"><b>Marginal values:</b> {Html.Escape(e.MarginalValueBasis)}</p>", why);
    }

    [Fact]
    public void Without_explanations_there_is_no_why_section_and_no_baseline()
    {
        var (request, result) = ReportFixtures.Ukraine2024;
        var html = ReportWriter.Write(request, result.WithExplanations(null));
        Assert.DoesNotContain("class=\"why\"", html);
        Assert.DoesNotContain("class=\"baseline\"", html);
        Assert.DoesNotContain("hand-made", html);
        Assert.DoesNotContain(">Why</h2>", html);
        // Everything else is the same page.
        foreach (var heading in new[] { "What is missing", "Where the money goes", "What arrives when", "Donors: committed against available", "Lines: funded units against capacity" })
            Assert.Contains($">{heading}</h2>", html);
    }

    [Fact]
    public void Every_explanation_string_is_escaped()
    {
        var (request, result) = Solve(HostileRequest);
        var reason = new Reason { Code = "code" + Hostile, Message = "message " + Hostile };
        var explained = result.WithExplanations(new PlanExplanations
        {
            MarginalValueBasis = "basis " + Hostile,
            Notes = ["note " + Hostile],
            Tranches = [new TrancheExplanation { Donor = request.Donors[0].Id, Tranche = 0, Unallocated = 5, MarginalValuePerMillion = 2, Derivative = "derivative" + Hostile, Reason = reason }],
            Lines = [new LineExplanation { Line = request.Lines[0].Id, UnfundedUnits = 1, CapacityValue = [new PeriodValue { Period = 1, Value = 0.5, Derivative = "dual" }], Reason = reason }],
            Needs = [new NeedExplanation { Need = request.Needs[0].Id, ShortfallUnits = 2, MarginalValuePerUnit = 0, Reason = reason }],
            Baseline = new BaselineComparison { Value = 1, Committed = 10, GainPercent = 50, Method = "method " + Hostile },
        });
        var html = ReportWriter.Write(request, explained);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"x\")", html);
        var escaped = Html.Escape(Hostile);
        foreach (var text in new[] { "basis ", "note ", "derivative", "code", "message ", "method " })
            Assert.Contains(text + escaped, html);
        Assert.Equal(3, Regex.Matches(html, Regex.Escape("<div class=\"msg\">message " + escaped)).Count);
        Assert.Contains("<div class=\"row\" data-kind=\"bottleneck\" data-id=\"l" + escaped, html);
    }

    [Fact]
    public void Long_explanation_lists_show_the_largest_and_count_the_rest()
    {
        var (request, result) = ReportFixtures.LargeL;
        var e = result.Explanations!;
        var html = ReportWriter.Write(request, result);
        var why = Section(html, "<section class=\"why\"");
        var lines = e.Lines.Count(l => l.Reason is not null);
        var needs = e.Needs.Count(n => n.Reason is not null);
        output.WriteLine($"{lines} line reasons, {needs} need reasons, \"Why\" is {why.Length / 1024} KB of {html.Length / 1024} KB");
        Assert.True(lines > ExplanationsSection.MaxListed + ExplanationsSection.MaxRevealed);

        // Each list shows the largest 12 and reveals at most 100 more on a click; beyond that it counts.
        var list = Regex.Match(why, ">Capacity left, and why <small>.*?</div>\n(?=<div class=\"why-part\">)", RegexOptions.Singleline).Value;
        Assert.Equal(ExplanationsSection.MaxListed + ExplanationsSection.MaxRevealed, Regex.Matches(list, "<li>").Count);
        var shown = list[..list.IndexOf("<details>", StringComparison.Ordinal)];
        Assert.Equal(ExplanationsSection.MaxListed, Regex.Matches(shown, "<li>").Count);
        Assert.Contains($"<summary>{lines - ExplanationsSection.MaxListed} more lines</summary>", list);
        Assert.Contains($"and {lines - ExplanationsSection.MaxListed - ExplanationsSection.MaxRevealed} more lines, all in the result's JSON (explanations.lines).", list);
        Assert.Contains($"more needs</summary>", why);
        // The largest come first: money's worth (base currency) of capacity left, descending.
        var first = Regex.Matches(shown, "<li><div class=\"head\"><b>([^<]*)</b>").Select(m => m.Groups[1].Value).ToList();
        var facts = new PlanFacts(request, result);
        var worth = first.Select(id => e.Lines.Single(l => l.Line == id).UnfundedUnits * facts.LineUnitCost[facts.LineIndex[id]]).ToList();
        Assert.Equal(worth.OrderByDescending(w => w), worth);

        // Bottleneck charts: 12 rows, the rest as text.
        Assert.Equal(ExplanationsSection.MaxListed, Regex.Matches(why, "data-kind=\"bottleneck\"").Count);
        Assert.InRange(why.Length, 10_000, 600_000);
    }

    /// <summary>The HTML of the section starting at <paramref name="start"/>, up to its closing tag.</summary>
    private static string Section(string html, string start)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"no {start}");
        var to = html.IndexOf("</section>", from, StringComparison.Ordinal);
        return html[from..to];
    }

    [Theory]
    [InlineData("2024-07", "month", 2, "Sep 2024")]
    [InlineData("2024-07", null, 6, "Jan 2025")]
    [InlineData("2024-11", "months", 14, "Jan 2026")]
    [InlineData("2024-Q3", "quarter", 2, "Q1 2025")]
    [InlineData("2024-01", "quarter", 1, "Apr 2024")]
    [InlineData("0000-01", "month", 13, "Feb 0001")]
    [InlineData("2024-07-01", "week", 2, "2024-07-15")]
    [InlineData("2024-07-01", "day", 31, "2024-08-01")]
    [InlineData("2024", "year", 3, "2027")]
    [InlineData(null, null, 4, "period 4")]
    [InlineData(null, "month", 4, "period 4")]
    [InlineData("Q3", "quarter", 1, "period 1")]
    [InlineData("2024-07", "fortnight", 1, "period 1")]
    public void Period_labels_follow_horizon_start_and_unit(string? start, string? unit, int period, string expected)
    {
        var labels = new PeriodLabels(new Horizon { Periods = 40, Start = start, Unit = unit });
        Assert.Equal(expected, labels[period]);
    }

    [Fact]
    public void Period_numbers_are_used_when_there_is_no_start()
    {
        var (request, result) = Solve(TestRequests.CapacityBinds);
        var html = ReportWriter.Write(request, result);
        Assert.Contains("2 periods (0 to 1)", html);
        Assert.Contains(">0</text>", html);
    }

    [Fact]
    public void A_result_of_another_request_is_refused()
    {
        var (request, _) = ReportFixtures.Ukraine2024;
        var (_, other) = Solve(TestRequests.CapacityBinds);
        var problems = ReportWriter.Mismatches(request, other);
        Assert.Contains(problems, p => p.StartsWith("line 'l' (allocations[0]) is not in the request", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("USD"));
        var e = Assert.Throws<ArgumentException>(() => ReportWriter.Write(request, other));
        Assert.Contains("does not match the request", e.Message);
    }

    [Fact]
    public void A_large_plan_is_grouped_so_every_column_stays_readable()
    {
        var (request, result) = ReportFixtures.LargeL;
        Assert.Equal(2000, request.Lines.Count);
        var graph = SankeyBuilder.Build(new PlanFacts(request, result));
        var columns = graph.Nodes.GroupBy(n => n.Column).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(", ", columns.Select(c => $"{c.Key}: {c.Value}")));
        Assert.InRange(columns[SankeyColumn.Donors], 2, SankeyBuilder.MaxDonorNodes);
        Assert.InRange(columns[SankeyColumn.Lines], 2, SankeyBuilder.MaxLineNodes + 15);
        Assert.InRange(columns[SankeyColumn.Needs], 2, SankeyBuilder.MaxSingleNeeds + 15);
        Assert.Contains(graph.Nodes, n => n.Label.Contains(" other producers: ", StringComparison.Ordinal));
        Assert.Contains(graph.Nodes, n => n.Label.Contains(" other needs: ", StringComparison.Ordinal));
        Assert.Contains(graph.Nodes, n => n.Label.EndsWith(" other donors", StringComparison.Ordinal));
        Assert.NotEmpty(graph.Notes);
        // Grouping moves money between nodes but never loses any.
        var committed = result.Allocations.Sum(a => a.Amount);
        var fromDonors = graph.Links.Where(l => graph.Nodes[l.Source].Column == SankeyColumn.Donors && graph.Nodes[l.Target].Kind != "unallocated").Sum(l => l.Value);
        Assert.Equal(committed, fromDonors, committed * 1e-6);
    }

    [Fact]
    public void Grouping_starts_above_the_threshold()
    {
        var (request, result) = ReportFixtures.LargeL;
        var facts = new PlanFacts(request, result);
        var funded = Enumerable.Range(0, request.Lines.Count).Where(l => facts.LineFunding[l] > 0).ToList();
        // Keep exactly MaxLineNodes funded lines: every one is drawn on its own.
        var keep = funded.Take(SankeyBuilder.MaxLineNodes).Select(l => request.Lines[l].Id).ToHashSet();
        var small = Restrict(result, keep);
        var graph = SankeyBuilder.Build(new PlanFacts(request, small));
        Assert.Equal(SankeyBuilder.MaxLineNodes, graph.Nodes.Count(n => n.Kind == "line"));
        Assert.DoesNotContain(graph.Nodes, n => n.Column == SankeyColumn.Lines && n.Kind == "group");
        // One more, and lines are grouped.
        keep.Add(request.Lines[funded[SankeyBuilder.MaxLineNodes]].Id);
        graph = SankeyBuilder.Build(new PlanFacts(request, Restrict(result, keep)));
        Assert.Contains(graph.Nodes, n => n.Column == SankeyColumn.Lines && n.Kind == "group");
    }

    private static AllocationResult Restrict(AllocationResult result, HashSet<string> lines) => new()
    {
        Status = result.Status,
        BaseCurrency = result.BaseCurrency,
        Summary = result.Summary,
        Allocations = result.Allocations.Where(a => lines.Contains(a.Line)).ToList(),
        Deliveries = result.Deliveries.Where(y => lines.Contains(y.Line)).ToList(),
        Donors = result.Donors,
        Lines = result.Lines,
        Needs = result.Needs,
        Diagnostics = result.Diagnostics,
    };

    [Fact]
    public void An_L_size_report_is_written_quickly_and_stays_a_reasonable_size()
    {
        var (request, result) = ReportFixtures.LargeL;
        ReportWriter.Write(request, result); // warm-up (JIT)
        var clock = Stopwatch.StartNew();
        var html = ReportWriter.Write(request, result);
        clock.Stop();
        output.WriteLine($"L report: {clock.ElapsedMilliseconds} ms, {html.Length / 1024} KB, {result.Allocations.Count} allocations");
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 5);
        Assert.InRange(html.Length, 10_000, 8_000_000);
    }

    [Fact]
    public void A_plan_without_money_still_renders()
    {
        var (request, result) = Solve(TestRequests.CapacityBinds);
        var empty = new AllocationResult
        {
            Status = "not_solved", Message = "time limit reached before any plan", BaseCurrency = result.BaseCurrency,
            Summary = new PlanSummary { Value = 0, MaxValue = result.Summary.MaxValue, Committed = 0, Available = result.Summary.Available, Unallocated = result.Summary.Available },
            Allocations = [], Deliveries = [],
            Donors = result.Donors.Select(d => new DonorRow { Id = d.Id, Available = d.Available, Committed = 0, Unallocated = d.Available }).ToList(),
            Lines = result.Lines.Select(l => new LineRow { Id = l.Id, FundedUnits = 0, CapacityUnits = l.CapacityUnits, Funding = 0 }).ToList(),
            Needs = request.Needs.Select(n => new NeedRow { Id = n.Id, DeliveredUnits = 0, OnTimeUnits = 0, ShortfallUnits = n.Quantity, Value = 0 }).ToList(),
            Diagnostics = result.Diagnostics,
        };
        var html = ReportWriter.Write(request, empty);
        Assert.Contains("No money is committed", html);
        Assert.Contains("time limit reached before any plan", html);
        Assert.DoesNotContain("NaN", html);
        Assert.DoesNotContain("Infinity", html);
    }
}
