using System.Text;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Workbook.Csv;
using Allocator.Workbook.Grid;
using Allocator.Workbook.Requests;

namespace Allocator.Workbook;

/// <summary>
/// The request workbook as a folder of CSV files, one per sheet (<c>Tranches.csv</c>, <c>Horizon &amp; rates.csv</c>, ...),
/// for tools that do not read xlsx. Same layout, same reader, same errors (<c>Tranches!C6</c> is row 6, column C of
/// <c>Tranches.csv</c>); the hidden drop-down lists are not written (a CSV file has no drop-downs).
/// </summary>
public static class RequestCsvFolder
{
    /// <summary>The extension of each sheet's file.</summary>
    public const string Extension = ".csv";

    /// <summary>The files of the folder: name (sheet name + .csv) and bytes, in the workbook's sheet order.</summary>
    public static IReadOnlyList<(string FileName, byte[] Content)> Write(AllocationRequest request)
    {
        var (book, _) = RequestToGrid.Build(JsonNode.Parse(AllocatorJson.Serialize(request))!.AsObject());
        return [.. book.Sheets.Where(s => !s.Hidden).Select(s => (s.Name + Extension, CsvSheet.Write(s)))];
    }

    /// <summary>Reads the folder's files (name to bytes; names without <c>.csv</c> are ignored) into request JSON.</summary>
    public static WorkbookRead Read(IReadOnlyDictionary<string, byte[]> files)
    {
        var book = new GridBook();
        var problems = new List<InputError>();
        foreach (var (file, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!file.EndsWith(Extension, StringComparison.OrdinalIgnoreCase)) continue;
            try
            {
                var (sheet, problem) = CsvSheet.Read(file[..^Extension.Length], bytes);
                if (sheet is null) problems.Add(new InputError("$", problem!));
                else book.Sheets.Add(sheet);
            }
            catch (DecoderFallbackException)
            {
                problems.Add(new InputError("$", $"{file}: is not UTF-8 text (save it as CSV UTF-8)"));
            }
        }
        if (problems.Count > 0) return new WorkbookRead(null, new CellMap(), problems);
        var (json, map, errors) = GridToRequest.Read(book);
        return new WorkbookRead(Encoding.UTF8.GetBytes(json.ToJsonString()), map, errors);
    }
}
