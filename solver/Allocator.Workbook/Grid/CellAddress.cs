using System.Globalization;

namespace Allocator.Workbook.Grid;

/// <summary>A cell's address as a planner reads it: <c>Tranches!C7</c> (sheet, column letters, 1-based row).</summary>
internal readonly record struct CellAddress(string Sheet, int Row, int Column)
{
    /// <summary>Column letters of a 0-based index: 0 is A, 26 is AA.</summary>
    public static string Letters(int column)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    /// <summary>0-based column index of letters such as <c>AB</c>.</summary>
    public static int ColumnOf(string letters) =>
        letters.Aggregate(0, (n, c) => n * 26 + char.ToUpperInvariant(c) - 'A' + 1) - 1;

    /// <summary><c>C7</c>: row is 0-based here, 1-based in the text.</summary>
    public string Reference => Letters(Column) + (Row + 1).ToString(CultureInfo.InvariantCulture);

    public override string ToString() =>
        (Sheet.Any(c => !char.IsLetterOrDigit(c)) ? $"'{Sheet.Replace("'", "''")}'" : Sheet) + "!" + Reference;
}
