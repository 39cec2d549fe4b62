using System.Net;
using System.Text.RegularExpressions;
using Allocator.Cli.Presentation;
using Allocator.Models;
using Allocator.Report;
using Allocator.Report.Sankey;
using Allocator.Solver.Explanations;

namespace Allocator.Tests.Report;

/// <summary>
/// What a planner reads in the report, the table briefing and the explanations: months rather than period numbers
/// next to months, plain numbers rather than scientific notation, nouns that agree with their number, names that
/// are not cut off, and labels that can be told apart at national scale (issue 11, item 17).
/// </summary>
public sealed partial class PlannerWordingTests
{
    [Fact]
    public void The_2024_explanations_name_months_not_period_numbers()
    {
        var (_, result) = ReportFixtures.Ukraine2024;
        var messages = Messages(result).ToList();
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            Assert.DoesNotMatch(PeriodNumber(), message);
            AssertPlain(message);
        }
        // fpv-c delivers to fpv-spring in the third month of a horizon starting July 2024.
        Assert.Contains(messages, m => m.Contains("delivered in Sep 2024", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Aug–Oct 2024", StringComparison.Ordinal));
    }

    [Fact]
    public void The_2024_briefing_is_plain_text_a_planner_reads_without_stumbling()
    {
        var (request, result) = ReportFixtures.Ukraine2024;
        var text = Briefing(request, result);

        AssertPlain(text);
        Assert.DoesNotMatch(PeriodNumber(), text);
        // The capacity that limits value is given per month, and the tranche values in plain digits.
        Assert.Contains("Oct 2024: 0.232", text);
        Assert.Contains("0.00063", text);
        Assert.Contains("from the 1 line eligible money can fund", text);
    }

    [Fact]
    public void The_2024_report_has_plain_numbers_and_agreeing_nouns()
    {
        var (request, result) = ReportFixtures.Ukraine2024;
        var text = VisibleText(ReportWriter.Write(request, result));

        AssertPlain(text);
        Assert.DoesNotMatch(PeriodNumber(), text);
        Assert.Matches(@"up to\s+0\.00063\s+per unit", text);
        Assert.Contains("after Oct 2024", text);
    }

    [Fact]
    public void The_2024_flow_diagram_shows_donor_names_whole()
    {
        var (request, result) = ReportFixtures.Ukraine2024;
        var labels = SankeyLabelTexts(ReportWriter.Write(request, result));

        foreach (var donor in request.Donors.Where(d => result.Donors.Single(r => r.Id == d.Id).Committed > 0))
            Assert.Contains(labels, l => l == donor.Name);
        Assert.DoesNotContain(labels, l => l.Contains('…'));
    }

    [Fact]
    public void Middle_column_labels_have_a_backing_so_no_flow_band_runs_through_them()
    {
        var (request, result) = ReportFixtures.Ukraine2024;
        var html = ReportWriter.Write(request, result);

        Assert.Contains("<filter id=\"label-backing\"", html);
        var middle = Regex.Matches(html, "<text [^>]*class=\"mid\"[^>]*>");
        Assert.Equal(result.Lines.Count(l => l.Funding > 0) + 1, middle.Count); // every funded line, and "not committed"
        Assert.All(middle, m => Assert.Contains("filter=\"url(#label-backing)\"", m.Value));
    }

    [Fact]
    public void At_L_every_flow_diagram_label_is_distinct()
    {
        var (request, result) = ReportFixtures.LargeL;
        var labels = SankeyLabelTexts(ReportWriter.Write(request, result));

        Assert.True(labels.Count > 60, $"only {labels.Count} labels");
        var repeated = labels.GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "labels that read the same: " + string.Join(" | ", repeated));
    }

    [Fact]
    public void Shortened_labels_that_would_read_the_same_keep_their_distinguishing_end()
    {
        string[] labels = ["national-shell-155-0042", "national-shell-155-0043", "brigade-fpv-drone-0001", "short"];
        var texts = SankeyLabels.Distinct(labels, [20, 20, 20, 20]);

        Assert.Equal(labels.Length, texts.Distinct().Count());
        Assert.All(texts, t => Assert.True(t.Length <= 20, t));
        Assert.EndsWith("0042", texts[0]);
        Assert.EndsWith("0043", texts[1]);
        Assert.Equal("brigade-fpv-drone-0…", texts[2]); // no clash: shortened at the end as before
        Assert.Equal("short", texts[3]);
    }

    [Fact]
    public void Long_outer_labels_wrap_at_words()
    {
        var lines = SankeyLabels.Wrap("EU windfall profits of immobilised Russian assets (spent through Denmark)", 32, 3, 27);

        Assert.Equal(["EU windfall profits of", "immobilised Russian assets", "(spent through Denmark)"], lines);
    }

    [Theory]
    [InlineData(6.3e-4, "0.00063")]
    [InlineData(2.279e-3, "0.00228")]
    [InlineData(0.0485, "0.0485")]
    [InlineData(57.829, "57.8")]
    [InlineData(145000, "145,000")]
    [InlineData(5.18e-7, "0.000000518")]
    [InlineData(1e-300, "0")]
    public void Numbers_are_plain_digits_with_three_significant_digits(double x, string expected)
    {
        Assert.Equal(expected, Plain.Number(x));
        Assert.Equal(expected, Wording.Number(x));
    }

    [Theory]
    [InlineData(1, "1 unit")]
    [InlineData(1.0000001, "1 unit")]
    [InlineData(2, "2 units")]
    [InlineData(0, "0 units")]
    public void Counts_agree_with_their_number(double x, string expected) => Assert.Equal(expected, Wording.Count(x, "unit"));

    [Theory]
    [InlineData("2024-07", "month", 3, "Oct 2024")]
    [InlineData("2024-07", null, 0, "Jul 2024")]
    [InlineData(null, null, 3, "period 3")]
    [InlineData("2024-Q3", "quarter", 3, "period 3")]
    public void A_period_is_a_month_where_the_horizon_has_one(string? start, string? unit, int period, string expected)
    {
        var wording = new Wording(Request(start, unit));
        Assert.Equal(expected, wording.Period(period));
    }

    [Fact]
    public void Sets_of_periods_read_as_stretches_of_months()
    {
        var months = new Wording(Request("2024-07", "month"));
        Assert.Equal("Aug–Oct 2024", months.Periods([1, 2, 3]));
        Assert.Equal("Oct 2024 to Jun 2025", months.Periods([3, 4, 5, 6, 7, 8, 9, 10, 11]));
        Assert.Equal("Sep–Nov 2024, Jan–Feb 2025, May 2025", months.Periods([2, 3, 4, 6, 7, 10]));
        var numbers = new Wording(Request(null, null));
        Assert.Equal("periods 1–3", numbers.Periods([1, 2, 3]));
        Assert.Equal("periods 2, 4, 7", numbers.Periods([2, 4, 7]));
    }

    // ---- helpers ----

    /// <summary>No scientific notation, no "(s)", no "1 units" or "1 lines".</summary>
    private static void AssertPlain(string text)
    {
        Assert.DoesNotMatch(Scientific(), text);
        Assert.DoesNotContain("(s)", text);
        Assert.DoesNotMatch(OnePlural(), text);
    }

    private static IEnumerable<string> Messages(AllocationResult result)
    {
        var e = result.Explanations!;
        return e.Tranches.Select(t => t.Reason?.Message).Concat(e.Needs.Select(n => n.Reason?.Message))
            .Concat(e.Lines.Select(l => l.Reason?.Message)).OfType<string>();
    }

    private static string Briefing(AllocationRequest request, AllocationResult result)
    {
        using var writer = new StringWriter();
        PlanTable.Write(writer, request, result);
        return writer.ToString();
    }

    /// <summary>The page's text without tags, styles and tooltips' markup, entities decoded.</summary>
    private static string VisibleText(string html)
    {
        var body = Regex.Replace(html, "<style[^>]*>.*?</style>", " ", RegexOptions.Singleline);
        return WebUtility.HtmlDecode(Regex.Replace(body, "<[^>]+>", " "));
    }

    /// <summary>The flow diagram's labels as drawn: the text of each label without its amount, lines joined by a space.</summary>
    private static List<string> SankeyLabelTexts(string html)
    {
        var labels = html[html.IndexOf("<g class=\"labels\">", StringComparison.Ordinal)..];
        labels = labels[..labels.IndexOf("</g>", StringComparison.Ordinal)];
        return Regex.Matches(labels, "<text [^>]*>(.*?)<tspan class=\"v\">").Select(m =>
            WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(m.Groups[1].Value, "<tspan[^>]*>", " "), "<[^>]+>", "")).Trim()).ToList();
    }

    private static AllocationRequest Request(string? start, string? unit) => new()
    {
        SchemaVersion = "1",
        BaseCurrency = "EUR",
        Horizon = new Horizon { Periods = 12, Start = start, Unit = unit },
        Donors = [],
        Lines = [],
        Needs = [],
    };

    [GeneratedRegex(@"\d[eE][-+]\d")]
    private static partial Regex Scientific();

    [GeneratedRegex(@"\bperiods? \d+(–\d+)? \(")]
    private static partial Regex PeriodNumber();

    [GeneratedRegex(@"(?<![\d.,])1 (units|lines|periods|needs|donors|tranches|allocations|deliveries)\b")]
    private static partial Regex OnePlural();
}
