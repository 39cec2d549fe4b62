using System.Text;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Workbook.Requests;
using Allocator.Workbook.Xlsx;

namespace Allocator.Workbook;

/// <summary>What reading a request workbook gave: the request JSON, where each value came from, and the layout's own problems.</summary>
/// <param name="Json">The request as UTF-8 JSON (not yet checked against the contract); null when the file is not a workbook.</param>
/// <param name="Map">JSON path to cell, for the reader's and validator's errors.</param>
/// <param name="Errors">Problems of the workbook itself (a missing sheet, a row naming an unknown donor), each naming its cell.</param>
public sealed record WorkbookRead(byte[]? Json, CellMap Map, IReadOnlyList<InputError> Errors);

/// <summary>The request workbook: JSON to xlsx, xlsx to JSON, and the empty template (docs/workbook.md shows the layout).</summary>
public static class RequestWorkbook
{
    /// <summary>True when the bytes are a zip archive, as every xlsx file is.</summary>
    public static bool IsWorkbook(ReadOnlySpan<byte> bytes) => bytes.StartsWith("PK\u0003\u0004"u8);

    /// <summary>The request as a workbook; every member of its JSON has a cell.</summary>
    public static byte[] Write(AllocationRequest request) => XlsxWriter.Write(RequestToGrid.Build(CanonicalJson(request)).Book);

    /// <summary>The empty workbook a planner fills in.</summary>
    public static byte[] Template() => XlsxWriter.Write(RequestToGrid.Build(null).Book);

    /// <summary>Where each JSON path of <paramref name="request"/> would sit in its workbook (to show a JSON request's errors at cells).</summary>
    public static CellMap MapOf(AllocationRequest request) => RequestToGrid.Build(CanonicalJson(request)).Map;

    /// <summary>Reads a workbook into request JSON.</summary>
    public static WorkbookRead Read(byte[] xlsx)
    {
        var (book, problem) = XlsxReader.Read(xlsx);
        if (book is null) return new WorkbookRead(null, new CellMap(), [new InputError("$", problem!)]);
        var (request, map, errors) = GridToRequest.Read(book);
        return new WorkbookRead(Encoding.UTF8.GetBytes(request.ToJsonString()), map, errors);
    }

    /// <summary>
    /// Reads a workbook and checks it with <paramref name="check"/> (the contract's reader and validator), giving every
    /// problem at once with its cell. The JSON is null when there is any problem.
    /// </summary>
    public static (byte[]? Json, IReadOnlyList<InputError> Errors) ReadChecked(byte[] xlsx, Func<byte[], IReadOnlyList<InputError>> check)
    {
        var read = Read(xlsx);
        if (read.Json is null) return (null, read.Errors);
        var errors = read.Errors.Concat(read.Map.Locate(check(read.Json))).ToList();
        return (errors.Count == 0 ? read.Json : null, errors);
    }

    private static JsonObject CanonicalJson(AllocationRequest request) =>
        JsonNode.Parse(AllocatorJson.Serialize(request))!.AsObject();
}
