using System.Diagnostics;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Workbook.Grid;
using Allocator.Workbook.Requests;
using Allocator.Workbook.Xlsx;
using MiniExcelLibs;

// Usage: Allocator.WorkbookBench openxml|miniexcel REQUEST.json OUT.xlsx
// Lays the request out once (the same grid for both libraries), then writes it with the chosen library and reads it
// back; prints the seconds of each step. Peak memory is taken from the outside, with /usr/bin/time -v.
if (args.Length != 3 || args[0] is not ("openxml" or "miniexcel"))
{
    Console.Error.WriteLine("usage: Allocator.WorkbookBench openxml|miniexcel REQUEST.json OUT.xlsx");
    return 2;
}
var read = RequestReader.Read(File.ReadAllBytes(args[1]));
var (book, _) = RequestToGrid.Build(JsonNode.Parse(RequestReader.Write(read.Request!))!.AsObject());
var cells = book.Sheets.Sum(s => s.Rows.Sum(r => r.Length));

var clock = Stopwatch.StartNew();
if (args[0] == "openxml")
    File.WriteAllBytes(args[2], XlsxWriter.Write(book));
else
{
    // MiniExcel writes one sheet per dictionary entry, each as rows of column -> value (values only: it has no
    // list validations, and its styling is a fixed header style).
    var sheets = new Dictionary<string, object>();
    foreach (var sheet in book.Sheets)
    {
        var width = sheet.Rows.Count == 0 ? 0 : sheet.Rows.Max(r => r.Length);
        var rows = sheet.Rows.Skip(1).Select(r =>
        {
            var row = new Dictionary<string, object?>();
            for (var c = 0; c < width; c++)
            {
                var header = sheet.At(0, c).Display is { Length: > 0 } h ? h : $"column {c}";
                var cell = c < r.Length ? r[c] : GridCell.Empty;
                row[row.ContainsKey(header) ? $"{header} ({c})" : header] = (object?)cell.Number ?? cell.Text;
            }
            return row;
        }).ToList();
        sheets[sheet.Name] = rows;
    }
    MiniExcel.SaveAs(args[2], sheets, overwriteFile: true);
}
var written = clock.Elapsed.TotalSeconds;

clock.Restart();
long readCells = 0;
if (args[0] == "openxml")
    readCells = XlsxReader.Read(File.ReadAllBytes(args[2])).Book!.Sheets.Sum(s => s.Rows.Sum(r => r.Count(c => !c.IsEmpty)));
else
    foreach (var name in MiniExcel.GetSheetNames(args[2]))
        foreach (IDictionary<string, object?> row in MiniExcel.Query(args[2], sheetName: name))
            readCells += row.Values.Count(v => v is not null);
var readBack = clock.Elapsed.TotalSeconds;
Console.WriteLine($"{args[0]}: {cells} cells laid out; write {written:0.000} s; read back {readBack:0.000} s ({readCells} non-empty cells); file {new FileInfo(args[2]).Length} bytes");
return 0;
