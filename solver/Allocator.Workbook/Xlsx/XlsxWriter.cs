using System.Globalization;
using Allocator.Workbook.Grid;
using CellStyle = Allocator.Workbook.Grid.CellStyle;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Allocator.Workbook.Xlsx;

/// <summary>
/// Saves a <see cref="GridBook"/> as an xlsx file with the Open XML SDK. Sheet data is streamed with
/// <see cref="OpenXmlWriter"/> (a large request has tens of thousands of rows); strings are written inline and the
/// zip's timestamps are fixed, so the same book gives the same bytes.
/// </summary>
internal static class XlsxWriter
{
    public static byte[] Write(GridBook book)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rIdWorkbook");
            // Explicit relationship ids: the SDK would otherwise make up new ones on every run.
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
            styles.Stylesheet = XlsxStyles.Create();
            var sheets = new Sheets();
            uint id = 1;
            foreach (var sheet in book.Sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>("rIdSheet" + id.ToString(CultureInfo.InvariantCulture));
                WriteSheet(part, sheet);
                sheets.Append(new Sheet
                {
                    Id = workbookPart.GetIdOfPart(part),
                    SheetId = id++,
                    Name = sheet.Name,
                    State = sheet.Hidden ? SheetStateValues.Hidden : null,
                });
            }
            workbookPart.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(
                new BookViews(new WorkbookView { ActiveTab = 0 }), sheets);
        }
        return WithFixedTimestamps(buffer);
    }

    /// <summary>
    /// The zip stamps every entry with the time of writing; a fixed stamp makes the same book give the same bytes
    /// (the project's rule: the same request gives the same output).
    /// </summary>
    private static byte[] WithFixedTimestamps(MemoryStream package)
    {
        // A day in: no time zone turns it into 1979, which zip cannot hold.
        var stamp = new DateTimeOffset(1980, 1, 2, 0, 0, 0, TimeSpan.Zero);
        using (var zip = new System.IO.Compression.ZipArchive(package, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
            foreach (var entry in zip.Entries)
                entry.LastWriteTime = stamp;
        return package.ToArray();
    }

    private static void WriteSheet(WorksheetPart part, GridSheet sheet)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        // Printed (or turned into a PDF), a sheet fits the page's width: landscape, as many pages down as it needs.
        writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        if (sheet.FrozenRows > 0)
        {
            var topLeft = "A" + (sheet.FrozenRows + 1).ToString(CultureInfo.InvariantCulture);
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = sheet.FrozenRows, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } })
            { WorkbookViewId = 0 }));
        }
        var columnCount = Math.Max(sheet.Widths.Count, sheet.Rows.Count == 0 ? 0 : sheet.Rows.Max(r => r.Length));
        if (columnCount > 0)
        {
            writer.WriteStartElement(new Columns());
            for (var c = 0; c < columnCount; c++)
                writer.WriteElement(new Column
                {
                    Min = (uint)(c + 1), Max = (uint)(c + 1),
                    Width = c < sheet.Widths.Count ? sheet.Widths[c] : 14, CustomWidth = true,
                });
            writer.WriteEndElement();
        }
        writer.WriteStartElement(new SheetData());
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var cells = sheet.Rows[r];
            var attributes = new List<OpenXmlAttribute> { new("r", "", (r + 1).ToString(CultureInfo.InvariantCulture)) };
            // Headers wrap onto up to three lines; not every spreadsheet program grows the row by itself.
            if (r < sheet.FrozenRows && cells.Any(c => c.Style == CellStyle.Header))
                attributes.AddRange([new OpenXmlAttribute("ht", "", "45"), new OpenXmlAttribute("customHeight", "", "1")]);
            writer.WriteStartElement(new Row(), attributes);
            for (var c = 0; c < cells.Length; c++)
                if (!cells[c].IsEmpty || cells[c].Style != CellStyle.Plain)
                    writer.WriteElement(CellOf(cells[c], new CellAddress(sheet.Name, r, c).Reference));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        if (sheet.Validations.Count > 0)
        {
            var lastRow = Math.Max(sheet.Rows.Count, 1) + 500;
            writer.WriteStartElement(new DataValidations { Count = (uint)sheet.Validations.Count });
            foreach (var v in sheet.Validations)
            {
                var letters = CellAddress.Letters(v.Column);
                writer.WriteElement(new DataValidation(new Formula1(v.Source))
                {
                    Type = DataValidationValues.List,
                    ErrorStyle = DataValidationErrorStyleValues.Warning,
                    AllowBlank = true,
                    ShowDropDown = false, // false means "show the arrow" in SpreadsheetML
                    ShowInputMessage = true,
                    ShowErrorMessage = true,
                    PromptTitle = "Choose or type",
                    Prompt = v.Prompt,
                    ErrorTitle = "Not in the list",
                    Error = "This value is not used elsewhere in the request. Keep it only if you mean a new one.",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{letters}{sheet.FrozenRows + 1}:{letters}{lastRow}" },
                });
            }
            writer.WriteEndElement();
        }
        writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        writer.WriteEndElement();
    }

    private static Cell CellOf(GridCell cell, string reference)
    {
        var result = new Cell { CellReference = reference, StyleIndex = XlsxStyles.IndexOf(cell.Style) };
        if (cell.Number is { } number)
            result.CellValue = new CellValue(number.ToString("R", CultureInfo.InvariantCulture));
        else if (cell.Text is { } text)
        {
            result.DataType = CellValues.InlineString;
            result.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        }
        return result;
    }
}
