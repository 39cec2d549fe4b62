namespace Allocator.Workbook.Grid;

/// <summary>A workbook as plain data: the request and result layouts build one, <see cref="Xlsx.XlsxWriter"/> saves it.</summary>
internal sealed class GridBook
{
    public List<GridSheet> Sheets { get; } = [];

    public GridSheet Add(string name)
    {
        var sheet = new GridSheet(name);
        Sheets.Add(sheet);
        return sheet;
    }

    public GridSheet? Find(string name) =>
        Sheets.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
