using Allocator.Models;
using Allocator.Workbook;
using Allocator.Workbook.Grid;
using static Allocator.Tests.Workbook.WorkbookFixtures;

namespace Allocator.Tests.Workbook;

/// <summary>Contract 1.1, section 4 in the workbook: the Slip sheet, written only when a line has a slip.</summary>
public sealed class SlipWorkbookTests
{
    private static string SlipsExample => File.ReadAllText(Path.Combine(ExamplesDirectory, "risk", "ukraine-2024-slips.json"));

    [Fact]
    public void Slips_survive_the_trip_through_a_workbook()
    {
        var canonical = Canonical(System.Text.Encoding.UTF8.GetBytes(SlipsExample));
        Assert.Equal(canonical, RoundTrip(canonical));
    }

    [Fact]
    public void Only_a_request_with_slips_gets_a_slip_sheet()
    {
        var with = RequestWorkbook.Write(RequestReader.Read(SlipsExample).Request!);
        var without = RequestWorkbook.Write(RequestReader.Read(Example("ukraine-2024.json")).Request!);

        Assert.Contains("Slip", Allocator.Workbook.Xlsx.XlsxReader.Read(with).Book!.Sheets.Select(s => s.Name));
        Assert.DoesNotContain("Slip", Allocator.Workbook.Xlsx.XlsxReader.Read(without).Book!.Sheets.Select(s => s.Name));
    }

    [Fact]
    public void A_bad_slip_is_named_at_its_cells()
    {
        // Row 2 is the first line with a slip (spg-155-a): B2 on time, C2 one period late, D2 two late.
        var xlsx = Edited(SlipsExample, book => Set(book, "Slip", "C2", GridCell.Of(-0.3, CellStyle.Share)));

        var messages = Problems(xlsx).Select(e => e.ToString()).ToList();

        Assert.Contains(messages, m => m.Contains("Slip!C2", StringComparison.Ordinal) && m.Contains("-0.3 is negative", StringComparison.Ordinal));
    }
}
