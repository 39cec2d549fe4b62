using System.Text.Json;
using Allocator.Models;
using Allocator.Report;
using Xunit.Abstractions;

namespace Allocator.Tests.Report;

/// <summary>
/// Opens reports in headless Chromium and checks what a reader would see: every diagram laid out with a real
/// size, one node per donor, line and need that has a flow, no overlapping labels, no console errors. Screenshots
/// (and a PDF print) are written to <c>$ALLOCATOR_SCREENSHOT_DIR</c>, or to <c>screenshots/</c> next to the tests.
/// </summary>
public sealed class ReportBrowserTests(ITestOutputHelper output)
{
    /// <summary>What the page reports about itself after layout, as JSON.</summary>
    private const string Measure = """
        (() => {
          const box = e => { const r = e.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; };
          const nodes = kind => [...document.querySelectorAll(`svg.sankey rect[data-kind="${kind}"]`)]
            .map(e => ({ id: e.getAttribute('data-id'), ...box(e) }));
          const svgs = [...document.querySelectorAll('svg')].map(box);
          const flows = [...document.querySelectorAll('svg.sankey path.flow')].map(box);
          const labels = [...document.querySelectorAll('svg.sankey g.labels text')].map(box);
          let overlaps = 0;
          for (let i = 0; i < labels.length; i++)
            for (let j = i + 1; j < labels.length; j++) {
              const a = labels[i], b = labels[j];
              if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1) overlaps++;
            }
          const sankey = document.querySelector('svg.sankey');
          // Shown without a click: laid out with a size and not inside a closed <details>.
          const visible = list => [...list].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && !e.closest('details:not([open])'); }).length;
          const why = document.querySelector('section.why');
          const baseline = document.querySelector('section.baseline');
          return {
            svgs: svgs.length,
            emptySvgs: svgs.filter(s => !(s.w > 0 && s.h > 0)).length,
            sankey: sankey ? box(sankey) : null,
            donors: nodes('donor'), lines: nodes('line'), needs: nodes('need'), groups: nodes('group').length,
            flows: flows.length, emptyFlows: flows.filter(f => !(f.w > 0 && f.h > 0)).length,
            labels: labels.length, overlaps,
            needRows: document.querySelectorAll('.row[data-kind="need"]').length,
            donorRows: document.querySelectorAll('.row[data-kind="donor"]').length,
            lineRows: document.querySelectorAll('.row[data-kind="line"]').length,
            pageWidth: document.documentElement.scrollWidth, viewportWidth: window.innerWidth,
            why: why ? { ...box(why), title: why.querySelector('h2').textContent,
              tranches: visible(why.querySelectorAll('table.mv tbody tr')),
              reasons: visible(why.querySelectorAll('ul.reasons > li')), tags: visible(why.querySelectorAll('ul.reasons .tag')),
              bottlenecks: visible(why.querySelectorAll('.row[data-kind="bottleneck"]')),
              details: why.querySelectorAll('details').length } : null,
            baseline: baseline ? { ...box(baseline), bars: visible(baseline.querySelectorAll('.cmp .bar > span')) } : null,
          };
        })()
        """;

    [ChromiumFact]
    public async Task The_2024_report_renders_in_a_real_browser()
    {
        var (request, result) = ReportFixtures.Ukraine2024;
        var file = WriteReport("report-2024.html", request, result);

        await using var browser = await Chromium.StartAsync();
        var page = await browser.NewPageAsync(1280, 900);
        var loading = await page.GoToAsync(new Uri(file).AbsoluteUri);
        var m = await page.EvaluateAsync(Measure);
        output.WriteLine($"loaded in {loading.TotalMilliseconds:0} ms: {m}");

        Assert.Empty(page.Errors);
        Assert.True(m.GetProperty("svgs").GetInt32() > 10);
        Assert.Equal(0, m.GetProperty("emptySvgs").GetInt32());
        var sankey = m.GetProperty("sankey");
        Assert.InRange(sankey.GetProperty("w").GetDouble(), 800, 1400);
        Assert.InRange(sankey.GetProperty("h").GetDouble(), 300, 2000);

        // One node per donor, line and need that has a flow, each drawn with a size.
        AssertNodes(m.GetProperty("donors"), result.Donors.Where(d => d.Committed > 0).Select(d => d.Id));
        AssertNodes(m.GetProperty("lines"), result.Lines.Where(l => l.Funding > 0).Select(l => l.Id));
        AssertNodes(m.GetProperty("needs"), result.Needs.Where(n => n.DeliveredUnits > 0).Select(n => n.Id));
        Assert.Equal(0, m.GetProperty("groups").GetInt32());
        Assert.True(m.GetProperty("flows").GetInt32() >= result.Lines.Count(l => l.Funding > 0) * 2);
        Assert.Equal(0, m.GetProperty("emptyFlows").GetInt32());
        Assert.Equal(0, m.GetProperty("overlaps").GetInt32());

        Assert.Equal(request.Needs.Count, m.GetProperty("needRows").GetInt32());
        Assert.Equal(request.Donors.Count, m.GetProperty("donorRows").GetInt32());
        Assert.Equal(request.Lines.Count, m.GetProperty("lineRows").GetInt32());
        Assert.True(m.GetProperty("pageWidth").GetDouble() <= m.GetProperty("viewportWidth").GetDouble(), "the page scrolls sideways");

        // The explanations: the baseline card with its four bars, and "Why" with every row laid out.
        var e = result.Explanations!;
        var baseline = m.GetProperty("baseline");
        Assert.True(baseline.GetProperty("h").GetDouble() > 50, "the baseline comparison has no height");
        Assert.InRange(baseline.GetProperty("y").GetDouble(), 0, 900); // on the first screen
        Assert.Equal(4, baseline.GetProperty("bars").GetInt32());
        var why = m.GetProperty("why");
        Assert.Equal("Why", why.GetProperty("title").GetString());
        Assert.True(why.GetProperty("w").GetDouble() > 800 && why.GetProperty("h").GetDouble() > 300, $"the Why section is too small: {why}");
        Assert.Equal(e.Tranches.Count(t => t.MarginalValuePerMillion > 0), why.GetProperty("tranches").GetInt32());
        var reasons = e.Tranches.Count(t => t.Reason is not null) + e.Needs.Count(n => n.Reason is not null) + e.Lines.Count(l => l.Reason is not null);
        Assert.Equal(reasons, why.GetProperty("reasons").GetInt32());
        Assert.Equal(reasons, why.GetProperty("tags").GetInt32());
        Assert.Equal(e.Lines.Count(l => l.CapacityValue.Any(v => v.Value > 0)), why.GetProperty("bottlenecks").GetInt32());

        var top = await page.ScreenshotAsync(1600);
        var full = await page.ScreenshotAsync();
        Assert.True(top.Length > 10_000 && full.Length > top.Length);
        Save("report-2024.png", top);
        Save("report-2024-full.png", full);

        // Printing to PDF works (the print styles apply) and gives a document of a few pages.
        var pdf = await page.PrintToPdfAsync();
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Save("report-2024.pdf", pdf);
        Assert.Empty(page.Errors);
    }

    [ChromiumFact]
    public async Task An_L_size_report_renders_in_a_few_seconds_with_grouped_flows()
    {
        var (request, result) = ReportFixtures.LargeL;
        var file = WriteReport("report-L.html", request, result);

        await using var browser = await Chromium.StartAsync();
        var page = await browser.NewPageAsync(1280, 900);
        var loading = await page.GoToAsync(new Uri(file).AbsoluteUri);
        var m = await page.EvaluateAsync(Measure);
        output.WriteLine($"L report ({new FileInfo(file).Length / 1024} KB) loaded in {loading.TotalMilliseconds:0} ms: " +
                         $"{m.GetProperty("donors").GetArrayLength()} donor, {m.GetProperty("lines").GetArrayLength()} line, " +
                         $"{m.GetProperty("needs").GetArrayLength()} need and {m.GetProperty("groups").GetInt32()} group nodes, {m.GetProperty("flows").GetInt32()} flows");

        Assert.Empty(page.Errors);
        Assert.InRange(loading.TotalSeconds, 0, 10);
        Assert.Equal(0, m.GetProperty("emptySvgs").GetInt32());
        Assert.True(m.GetProperty("groups").GetInt32() > 0);
        Assert.Equal(0, m.GetProperty("overlaps").GetInt32());
        Assert.True(m.GetProperty("pageWidth").GetDouble() <= m.GetProperty("viewportWidth").GetDouble(), "the page scrolls sideways");
        // Long explanation lists: the largest 12 of each are visible, the rest behind "N more".
        var why = m.GetProperty("why");
        Assert.Equal("Why", why.GetProperty("title").GetString());
        Assert.InRange(why.GetProperty("reasons").GetInt32(), 1, 3 * Allocator.Report.Sections.ExplanationsSection.MaxListed);
        Assert.Equal(Allocator.Report.Sections.ExplanationsSection.MaxListed, why.GetProperty("bottlenecks").GetInt32());
        Assert.True(why.GetProperty("details").GetInt32() >= 3);
        Assert.True(m.GetProperty("baseline").GetProperty("h").GetDouble() > 50);
        Save("report-L.png", await page.ScreenshotAsync(2000));
    }

    private static void AssertNodes(JsonElement nodes, IEnumerable<string> expected)
    {
        var drawn = nodes.EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), drawn.Order(StringComparer.Ordinal));
        foreach (var node in nodes.EnumerateArray())
            Assert.True(node.GetProperty("w").GetDouble() > 0 && node.GetProperty("h").GetDouble() > 0, $"node {node} has no size");
    }

    private string WriteReport(string name, AllocationRequest request, AllocationResult result)
    {
        var file = Path.Combine(OutputDirectory(), name);
        File.WriteAllText(file, ReportWriter.Write(request, result));
        output.WriteLine($"report: {file}");
        return file;
    }

    private static string OutputDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("ALLOCATOR_SCREENSHOT_DIR") is { Length: > 0 } custom
            ? custom
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private void Save(string name, byte[] bytes)
    {
        var path = Path.Combine(OutputDirectory(), name);
        File.WriteAllBytes(path, bytes);
        output.WriteLine($"saved {path} ({bytes.Length / 1024} KB)");
    }
}
