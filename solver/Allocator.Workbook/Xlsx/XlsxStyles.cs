using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using CellStyle = Allocator.Workbook.Grid.CellStyle;

namespace Allocator.Workbook.Xlsx;

/// <summary>The stylesheet: one cell format per <see cref="CellStyle"/>, in the enum's order, so a style's index is its number.</summary>
internal static class XlsxStyles
{
    // Custom number formats start at 164; lower ids are Excel's built-ins.
    private const uint GroupedDecimals = 164;
    private const uint Percent = 165;

    public static uint IndexOf(CellStyle style) => (uint)style;

    public static Stylesheet Create()
    {
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = GroupedDecimals, FormatCode = "#,##0.00" },
            new NumberingFormat { NumberFormatId = Percent, FormatCode = "0.0##%" });
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Calibri" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDCE6F0" }) { PatternType = PatternValues.Solid }));
        var borders = new Borders(
            new Border(),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Rgb = "FF7F7F7F" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()));
        CellFormat Format(uint numberFormat = 0, uint font = 0, uint fill = 0, uint border = 0, bool wrap = false) => new()
        {
            NumberFormatId = numberFormat,
            FontId = font,
            FillId = fill,
            BorderId = border,
            ApplyNumberFormat = numberFormat != 0,
            ApplyFont = font != 0,
            ApplyFill = fill != 0,
            ApplyBorder = border != 0,
            Alignment = wrap ? new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top } : null,
            ApplyAlignment = wrap,
        };
        var cellFormats = new CellFormats(
            Format(),                                   // Plain
            Format(font: 1, fill: 2, border: 1, wrap: true), // Header
            Format(numberFormat: 1),                    // Integer: "0"
            Format(),                                   // Number: General shows what was typed
            Format(numberFormat: GroupedDecimals),      // Money
            Format(numberFormat: Percent),              // Share
            Format(wrap: true),                         // Wrapped
            Format(font: 2));                           // Title
        return new Stylesheet(formats, fonts, fills, borders, new CellStyleFormats(new CellFormat()), cellFormats);
    }
}
