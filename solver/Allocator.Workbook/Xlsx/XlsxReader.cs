using System.Globalization;
using Allocator.Workbook.Grid;
using CellStyle = Allocator.Workbook.Grid.CellStyle;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Allocator.Workbook.Xlsx;

/// <summary>
/// Loads the values of every sheet of an xlsx file into a <see cref="GridBook"/>: numbers as numbers, every kind of
/// text (shared, inline, formula results) as text. Styles, formulas and validations are not read back: the request
/// lives in the values.
/// </summary>
internal static class XlsxReader
{
    /// <summary>The book, or a sentence saying why the bytes are not a workbook this reader can open.</summary>
    public static (GridBook? Book, string? Problem) Read(byte[] xlsx)
    {
        try
        {
            using var stream = new MemoryStream(xlsx, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbookPart = document.WorkbookPart;
            if (workbookPart?.Workbook.Sheets is not { } sheets)
                return (null, "the file is a zip but not an Excel workbook (save it from your spreadsheet as .xlsx)");
            var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var book = new GridBook();
            foreach (var entry in sheets.Elements<Sheet>())
            {
                var sheet = book.Add(entry.Name?.Value ?? "");
                if (entry.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart part) continue;
                ReadSheet(part, sheet, shared);
            }
            return (book, null);
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or IOException
                                       or System.Xml.XmlException or FormatException or ArgumentException or InvalidOperationException)
        {
            return (null, $"the file is not a workbook this tool can read ({e.Message.TrimEnd('.')}); save it from your spreadsheet as an .xlsx workbook");
        }
    }

    /// <summary>Streams the sheet's cells (a large request's sheets hold tens of thousands) rather than loading its whole tree.</summary>
    private static void ReadSheet(WorksheetPart part, GridSheet sheet, string[] shared)
    {
        using var reader = OpenXmlReader.Create(part);
        var nextRow = 0;
        var rowIndex = -1;
        List<GridCell>? cells = null;
        var nextColumn = 0;
        void Flush()
        {
            if (cells is null) return;
            while (sheet.Rows.Count < rowIndex) sheet.Rows.Add([]);
            if (sheet.Rows.Count == rowIndex) sheet.Rows.Add([.. cells]);
            cells = null;
        }
        while (reader.Read())
        {
            if (!reader.IsStartElement) continue;
            if (reader.ElementType == typeof(Row))
            {
                Flush();
                var r = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                rowIndex = int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number - 1 : nextRow;
                nextRow = rowIndex + 1;
                cells = [];
                nextColumn = 0;
            }
            else if (reader.ElementType == typeof(Cell) && cells is not null)
            {
                var cell = (Cell)reader.LoadCurrentElement()!;
                var column = cell.CellReference?.Value is { } reference ? CellAddress.ColumnOf(new string(reference.TakeWhile(char.IsLetter).ToArray())) : nextColumn;
                nextColumn = column + 1;
                if (column < cells.Count) continue; // a cell repeated or out of order: the first one stands
                while (cells.Count < column) cells.Add(GridCell.Empty);
                cells.Add(ValueOf(cell, shared));
            }
        }
        Flush();
    }

    private static GridCell ValueOf(Cell cell, string[] shared)
    {
        var type = cell.DataType?.Value;
        var raw = cell.CellValue?.Text;
        if (type == CellValues.InlineString) return GridCell.Of(cell.InlineString?.InnerText ?? "");
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Length
                ? GridCell.Of(shared[index]) : GridCell.Of(raw ?? "");
        if (type == CellValues.String || type == CellValues.Error) return GridCell.Of(raw ?? "");
        if (type == CellValues.Boolean) return GridCell.Of(raw == "1" ? "TRUE" : "FALSE");
        if (raw is null) return GridCell.Empty;
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? GridCell.Of(number, CellStyle.Number)
            : GridCell.Of(raw);
    }
}
