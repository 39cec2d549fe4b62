namespace Allocator.Workbook.Grid;

/// <summary>One sheet: rows of cells, column widths, header rows to freeze and drop-downs. Independent of any xlsx library.</summary>
internal sealed class GridSheet(string name)
{
    public string Name { get; } = name;

    public List<GridCell[]> Rows { get; } = [];

    /// <summary>Width of each column in characters; missing ones get a default.</summary>
    public List<double> Widths { get; } = [];

    /// <summary>Rows kept in view while scrolling (the header).</summary>
    public int FrozenRows { get; set; }

    public bool Hidden { get; set; }

    public List<ListValidation> Validations { get; } = [];

    public void Add(params GridCell[] row) => Rows.Add(row);

    public GridCell At(int row, int column) =>
        row < Rows.Count && column < Rows[row].Length ? Rows[row][column] : GridCell.Empty;
}
