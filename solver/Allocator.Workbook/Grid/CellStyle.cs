namespace Allocator.Workbook.Grid;

/// <summary>How a cell looks and which number format it carries; <see cref="Xlsx.XlsxStyles"/> maps each to an Excel style.</summary>
internal enum CellStyle
{
    Plain,
    Header,
    Integer,
    Number,
    Money,
    Share,
    Wrapped,
    Title,
}
