using System.Text;
using Allocator.Models;
using Allocator.Workbook;
using Allocator.Workbook.Grid;
using Allocator.Workbook.Xlsx;
using static Allocator.Tests.Workbook.WorkbookFixtures;

namespace Allocator.Tests.Workbook;

/// <summary>Contract 1.1's re-planning fields (asOf, commitments, previousPlan) and solver.tieRule in the workbook.</summary>
public sealed class ReplanWorkbookTests
{
    private const string October = "ukraine-2024-october.json";

    /// <summary>What the October example does not have: an empty commitments list, the ignored members of a result's rows, the tie rule off.</summary>
    [Fact]
    public void Every_replanning_member_survives_the_trip()
    {
        const string json = """
            {
              "schemaVersion": "1", "baseCurrency": "EUR", "horizon": { "periods": 3 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "EUR" } ] } ],
              "lines": [ { "id": "l", "producer": "p", "country": "UA", "category": "c", "unitCost": 2, "currency": "EUR", "leadTime": 0, "capacity": 10 } ],
              "needs": [ { "id": "n", "category": "c", "quantity": 5, "priority": 1, "dueBy": 2 } ],
              "solver": { "tieRule": false },
              "asOf": 1,
              "commitments": [],
              "previousPlan": { "allocations": [
                { "donor": "d", "tranche": 0, "line": "l", "period": 0, "amount": 4.5, "deliveryPeriod": 0, "units": 2.25, "signed": 1e-3 },
                { "donor": "gone", "tranche": 7, "line": "closed", "period": 2, "amount": 12345678.9 } ] }
            }
            """;
        var canonical = Canonical(Encoding.UTF8.GetBytes(json));
        Assert.Contains("\"commitments\": []", canonical);
        Assert.Equal(canonical, RoundTrip(canonical));
    }

    [Fact]
    public void The_october_replan_has_its_sheets_and_settings_and_a_plain_request_has_none()
    {
        var october = WorkbookBook(Example(October));
        Assert.NotNull(october.Find("Commitments"));
        Assert.NotNull(october.Find("Previous plan"));
        Assert.Contains(october.Find("Horizon & rates")!.Rows, r => r.Length > 1 && r[0].Text == "Current period (asOf)" && r[1].Number == 3);
        Assert.Equal(99, october.Find("Previous plan")!.Rows.Count - 1);

        var plain = WorkbookBook(Example("ukraine-2024.json"));
        Assert.Null(plain.Find("Commitments"));
        Assert.Null(plain.Find("Previous plan"));
        Assert.DoesNotContain(plain.Sheets.SelectMany(s => s.Rows), r => r.Length > 0 && r[0].Text is "Current period (asOf)" or "Break ties by the tie rule (TRUE/FALSE)");
    }

    [Fact]
    public void A_commitment_naming_a_missing_tranche_is_named_at_its_cell()
    {
        var xlsx = Edited(Example(October), book => Set(book, "Commitments", "B3", GridCell.Of(9, CellStyle.Integer)));
        var error = Assert.Single(Problems(xlsx));
        Assert.Equal("$.commitments[1].tranche", error.Path);
        Assert.StartsWith("Commitments!B3: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commitment_of_an_unknown_line_and_a_tie_rule_that_is_not_a_yes_or_no_are_named_together()
    {
        var xlsx = Edited(Example(October), book =>
        {
            Set(book, "Commitments", "C2", GridCell.Of("no-such-line"));
            var policy = book.Find("Policy & solver")!;
            policy.Rows.Add([GridCell.Of("Break ties by the tie rule (TRUE/FALSE)"), GridCell.Of("maybe")]);
        });
        var messages = Problems(xlsx).Select(e => e.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith("$.commitments[0].line: Commitments!C2: ", StringComparison.Ordinal));
        var tieRow = WorkbookBook(Example(October)).Find("Policy & solver")!.Rows.Count + 1;
        Assert.Contains(messages, m => m.StartsWith($"$.solver.tieRule: 'Policy & solver'!B{tieRow}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tie_rule_typed_in_a_spreadsheet_reads_as_a_boolean_and_asof_can_be_added_by_hand()
    {
        var xlsx = Edited(Example("teaching-two-donors.json"), book =>
        {
            book.Find("Policy & solver")!.Rows.Add([GridCell.Of("Break ties by the tie rule (TRUE/FALSE)"), GridCell.Of("FALSE")]);
            book.Find("Horizon & rates")!.Rows.Add([GridCell.Of("Current period (asOf)"), GridCell.Of(1, CellStyle.Integer)]);
        });
        var read = RequestWorkbook.Read(xlsx);
        Assert.Empty(read.Errors);
        var request = RequestReader.Read(read.Json!).Request!;
        Assert.False(request.Solver!.TieRule);
        Assert.Equal(1, request.AsOf);
    }

    private static GridBook WorkbookBook(string json) => XlsxReader.Read(RequestWorkbook.Write(RequestReader.Read(json).Request!)).Book!;
}
