namespace Allocator.Workbook.Grid;

/// <summary>
/// One cell: text, a number, or nothing. Text keeps the exact string (an empty string is a value, distinct from an
/// empty cell), numbers keep the exact double, so a request survives the trip through a workbook unchanged.
/// </summary>
internal readonly record struct GridCell(string? Text, double? Number, CellStyle Style = CellStyle.Plain)
{
    public static GridCell Empty { get; } = new(null, null);

    public bool IsEmpty => Text is null && Number is null;

    public static GridCell Of(string? text, CellStyle style = CellStyle.Plain) => new(text, null, style);

    public static GridCell Of(double? number, CellStyle style) => new(null, number, style);

    /// <summary>The cell as a planner typed it, for messages and previews.</summary>
    public string Display => Text ?? Number?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
