using Allocator.Models;
using Allocator.Report;
using Allocator.Solver;
using Allocator.Workbook;

namespace Allocator.Tests.Report;

/// <summary>
/// Delivery risk where planners read a plan: the HTML report and the result workbook get a "Delivery risk" part when
/// some line may slip, with the exact expected value and the producers' exposure, and nothing changes without slips.
/// </summary>
public sealed class DeliveryRiskReportTests
{
    private static AllocationRequest SlipsRequest() =>
        RequestReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "risk", "ukraine-2024-slips.json"))).Request!;

    [Fact]
    public void Report_with_slips_has_the_delivery_risk_section()
    {
        var request = SlipsRequest();
        var result = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });
        var (expected, _, producers) = DeliveryRisk.Exposure(request, result);

        var html = ReportWriter.Write(request, result);

        Assert.Contains("<section class=\"risk\">", html);
        Assert.Contains($"<b>{producers[0].Producer}</b>", html);
        Assert.Equal(result.Summary.Value, expected, 9);
    }

    [Fact]
    public void Report_without_slips_has_no_delivery_risk_section()
    {
        var request = RequestReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "ukraine-2024.json"))).Request!;
        var html = ReportWriter.Write(request, AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None }));

        Assert.DoesNotContain("class=\"risk\"", html);
    }

    [Fact]
    public void Result_workbook_with_slips_has_a_delivery_risk_sheet()
    {
        var request = SlipsRequest();
        var result = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });

        var book = Allocator.Workbook.Xlsx.XlsxReader.Read(ResultWorkbook.Write(request, result)).Book!;

        var sheet = Assert.Single(book.Sheets, s => s.Name == "Delivery risk");
        Assert.Equal("producer-a", sheet.At(1, 0).Display);
    }
}
