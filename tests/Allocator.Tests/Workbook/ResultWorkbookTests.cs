using Allocator.Models;
using Allocator.Solver;
using Allocator.Workbook;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Allocator.Tests.Workbook;

/// <summary>The plan's workbook, opened with the Open XML SDK as a spreadsheet program would: sheets, values, formats, frozen headers.</summary>
public sealed class ResultWorkbookTests
{
    private static readonly Lazy<(AllocationRequest Request, AllocationResult Result)> Solved = new(() =>
    {
        var request = RequestReader.Read(WorkbookFixtures.Example("ukraine-2024.json")).Request!;
        return (request, AllocationEngine.Solve(request));
    });

    [Fact]
    public void Every_table_and_the_why_have_a_sheet_with_a_frozen_header()
    {
        var (request, result) = Solved.Value;
        using var document = SpreadsheetDocument.Open(new MemoryStream(ResultWorkbook.Write(request, result)), false);
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(
            ["Summary", "Allocations", "Deliveries", "Per donor", "Per line", "Per need", "Why - money", "Why - capacity", "Why - needs", "Why - notes"],
            sheets.Select(s => s.Name!.Value));
        foreach (var sheet in sheets)
        {
            var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
            var pane = part.Worksheet.Descendants<Pane>().SingleOrDefault();
            Assert.True(pane is { State.Value: var state } && state == PaneStateValues.Frozen && pane.VerticalSplit!.Value == 1, $"{sheet.Name} has no frozen header");
        }
    }

    [Fact]
    public void Allocation_rows_hold_the_results_numbers_in_a_money_format()
    {
        var (request, result) = Solved.Value;
        using var document = SpreadsheetDocument.Open(new MemoryStream(ResultWorkbook.Write(request, result)), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Allocations");
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
        Assert.Equal(result.Allocations.Count + 1, rows.Count);
        var amounts = rows.Skip(1).Select(r => r.Elements<Cell>().Single(c => c.CellReference!.Value!.StartsWith('F'))).ToList();
        Assert.Equal(result.Allocations.Select(a => a.Amount), amounts.Select(c => double.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var numberFormats = workbook.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
        var format = formats[(int)amounts[0].StyleIndex!.Value].NumberFormatId!.Value;
        Assert.Equal("#,##0.00", numberFormats[format]);
    }

    [Fact]
    public void Without_explanations_there_is_no_why_and_nothing_breaks()
    {
        var (request, result) = Solved.Value;
        using var document = SpreadsheetDocument.Open(new MemoryStream(ResultWorkbook.Write(null, result.WithExplanations(null))), false);
        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.DoesNotContain(names, n => n!.StartsWith("Why", StringComparison.Ordinal));
        Assert.Contains("Per need", names);
    }
}
