using System.Text.Json.Nodes;
using Allocator.Workbook;
using Allocator.Workbook.Grid;
using static Allocator.Tests.Workbook.WorkbookFixtures;

namespace Allocator.Tests.Workbook;

/// <summary>A planner's mistakes in a workbook are named by sheet and cell, besides the JSON path, all at once.</summary>
public sealed class WorkbookErrorTests
{
    private static string TwoDonors => Example("teaching-two-donors.json");

    /// <summary>The 2024 example with Sweden paying in SEK and the SEK rate removed.</summary>
    private static string SekWithoutRate()
    {
        var node = JsonNode.Parse(Example("ukraine-2024.json"))!.AsObject();
        node["exchangeRates"]!.AsObject().Remove("SEK");
        foreach (var donor in node["donors"]!.AsArray())
            if ((string)donor!["id"]! == "se") donor["tranches"]![0]!["currency"] = "SEK";
        return node.ToJsonString();
    }

    [Fact]
    public void A_currency_without_a_rate_is_named_at_its_tranche_cell()
    {
        var xlsx = RequestWorkbook.Write(Allocator.Models.RequestReader.Read(SekWithoutRate()).Request!);
        var error = Assert.Single(Problems(xlsx));
        Assert.Equal("$.donors[2].tranches[0].currency", error.Path);
        // Rows 2-5 hold Denmark's, the windfall's two tranches each; Sweden's is row 6, currency in column C.
        Assert.StartsWith("Tranches!C6: no exchange rate for 'SEK'", error.Message);
    }

    [Fact]
    public void Text_in_a_number_cell_and_an_empty_required_cell_are_both_named()
    {
        var xlsx = Edited(TwoDonors, book =>
        {
            Set(book, "Needs", "C2", GridCell.Of("about ten"));
            Set(book, "Lines", "A3", GridCell.Empty);
        });
        var messages = Problems(xlsx).Select(e => e.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith("$.needs[0].quantity: Needs!C2: ", StringComparison.Ordinal) && m.Contains("number"));
        Assert.Contains(messages, m => m.StartsWith("$.lines[1].id: Lines!A3: is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Numbers_typed_as_text_and_percentages_are_read_as_numbers()
    {
        var xlsx = Edited(TwoDonors, book =>
        {
            Set(book, "Needs", "C2", GridCell.Of(" 12.5 "));
            Set(book, "Needs", "F2", GridCell.Of("40%"));
        });
        var read = RequestWorkbook.Read(xlsx);
        var request = Allocator.Models.RequestReader.Read(read.Json!).Request!;
        Assert.Equal(12.5, request.Needs[0].Quantity);
        Assert.Equal(0.4, request.Needs[0].LateDecay);
    }

    [Fact]
    public void A_tranche_of_an_unknown_donor_a_strange_column_and_a_missing_sheet_are_reported_together()
    {
        var xlsx = Edited(TwoDonors, book =>
        {
            Set(book, "Tranches", "A2", GridCell.Of("nobody"));
            Set(book, "Lines", "L1", GridCell.Of("Colour", CellStyle.Header));
            book.Sheets.Remove(book.Find("Needs")!);
        });
        var messages = Problems(xlsx).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.StartsWith("Tranches!A2: there is no donor 'nobody' on the Donors sheet", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Lines!L1: 'Colour' is not a column of this sheet", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("no sheet 'Needs'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_capacity_by_period_points_at_its_own_cell()
    {
        var xlsx = Edited(Example("ukraine-2024.json"), book => Set(book, "Capacity by period", "D2", GridCell.Of(-3, CellStyle.Number)));
        var error = Assert.Single(Problems(xlsx));
        Assert.Equal("$.lines[0].capacity[2]", error.Path);
        Assert.StartsWith("'Capacity by period'!D2: ", error.Message);
    }

    [Fact]
    public void Capacity_given_twice_is_refused_at_the_by_period_row()
    {
        var xlsx = Edited(Example("ukraine-2024.json"), book => Set(book, "Lines", "I2", GridCell.Of(5, CellStyle.Number)));
        var error = Assert.Single(Problems(xlsx));
        Assert.StartsWith("'Capacity by period'!A2: line 'spg-155-a' has a capacity on the Lines sheet too", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3 })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 })]
    public void A_broken_zip_is_a_sentence_not_a_crash(byte[] bytes)
    {
        var error = Assert.Single(Problems(bytes));
        Assert.Equal("$", error.Path);
        Assert.Contains("not a workbook this tool can read", error.Message);
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_a_sentence_not_a_crash()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("hello.txt").Open()))
            writer.Write("hello");
        var error = Assert.Single(Problems(buffer.ToArray()));
        Assert.Equal("$", error.Path);
    }

    [Fact]
    public void The_template_names_what_is_missing_at_its_cells()
    {
        var messages = Problems(RequestWorkbook.Template()).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.StartsWith("'Horizon & rates'!B4: is required", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("'Horizon & rates'!B5: is required", StringComparison.Ordinal));
    }
}
