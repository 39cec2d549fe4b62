using System.Text;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Workbook;
using Allocator.Workbook.Grid;
using Allocator.Workbook.Requests;
using Allocator.Workbook.Xlsx;
using System.Text.Json.Nodes;

namespace Allocator.Tests.Workbook;

/// <summary>Shared steps of the workbook tests: canonical JSON, the trip through a workbook, and workbooks a planner has edited.</summary>
internal static class WorkbookFixtures
{
    public static string ExamplesDirectory => Path.Combine(AppContext.BaseDirectory, "examples");

    /// <summary>The contract's canonical form of a request: read strictly, written by the contract's serialiser.</summary>
    public static string Canonical(byte[] json)
    {
        var read = RequestReader.Read(json);
        Assert.True(read.Request is not null && read.Errors.Count == 0, string.Join("\n", read.Errors));
        return RequestReader.Write(read.Request!);
    }

    /// <summary>JSON to xlsx bytes to JSON, canonical at both ends.</summary>
    public static string RoundTrip(string canonicalJson)
    {
        var request = RequestReader.Read(canonicalJson).Request!;
        var xlsx = RequestWorkbook.Write(request);
        var back = RequestWorkbook.Read(xlsx);
        Assert.Empty(back.Errors);
        return Canonical(back.Json!);
    }

    /// <summary>The workbook of <paramref name="json"/> after <paramref name="edit"/> changes its cells, as xlsx bytes.</summary>
    public static byte[] Edited(string json, Action<GridBook> edit)
    {
        var request = RequestReader.Read(json).Request!;
        var (book, _) = RequestToGrid.Build(JsonNode.Parse(RequestReader.Write(request))!.AsObject());
        edit(book);
        return XlsxWriter.Write(book);
    }

    /// <summary>Sets the cell at a reference such as <c>C7</c> of a sheet.</summary>
    public static void Set(GridBook book, string sheet, string reference, GridCell value)
    {
        var s = book.Find(sheet)!;
        var column = CellAddress.ColumnOf(new string(reference.TakeWhile(char.IsLetter).ToArray()));
        var row = int.Parse(reference[reference.IndexOfAny("0123456789".ToCharArray())..]) - 1;
        while (s.Rows.Count <= row) s.Rows.Add([]);
        var cells = s.Rows[row];
        if (cells.Length <= column) Array.Resize(ref cells, column + 1);
        cells[column] = value;
        s.Rows[row] = cells;
    }

    /// <summary>Every problem of a workbook as the CLI and the service see it: reader, validator and layout, each with its cell.</summary>
    public static IReadOnlyList<InputError> Problems(byte[] xlsx) =>
        RequestWorkbook.ReadChecked(xlsx, json => AllocationEngine.Read(json).Errors).Errors;

    public static string Example(string name) => File.ReadAllText(Path.Combine(ExamplesDirectory, name), Encoding.UTF8);
}
