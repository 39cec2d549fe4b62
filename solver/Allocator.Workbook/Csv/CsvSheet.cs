using System.Text;
using Allocator.Workbook.Grid;

namespace Allocator.Workbook.Csv;

/// <summary>
/// One sheet as a CSV file (RFC 4180: comma, double quotes, CRLF, UTF-8 without a byte-order mark). An empty cell is
/// an empty field; an empty string is written <c>""</c>, so the two stay apart, as they do in a workbook. Numbers are
/// written with the shortest text that reads back as the same double. Read back, every field is text: the request
/// reader turns text into numbers where its column takes numbers, exactly as it does for a number typed as text.
/// </summary>
internal static class CsvSheet
{
    public static byte[] Write(GridSheet sheet)
    {
        var text = new StringBuilder();
        foreach (var row in sheet.Rows)
        {
            var last = Array.FindLastIndex(row, c => !c.IsEmpty);
            for (var c = 0; c <= last; c++)
            {
                if (c > 0) text.Append(',');
                text.Append(Field(row[c]));
            }
            text.Append("\r\n");
        }
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    private static string Field(GridCell cell)
    {
        if (cell.IsEmpty) return "";
        var value = cell.Text ?? Requests.RequestToGrid.Invariant(cell.Number!.Value);
        return value.Length == 0 || value.IndexOfAny([',', '"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;
    }

    /// <summary>The rows of a CSV file, or a sentence saying why it is not one (a quote left open), naming the line.</summary>
    public static (GridSheet? Sheet, string? Problem) Read(string name, byte[] bytes)
    {
        var text = new UTF8Encoding(false, true).GetString(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes);
        var sheet = new GridSheet(name);
        var row = new List<GridCell>();
        var field = new StringBuilder();
        bool quoted = false, inQuotes = false, any = false;
        var line = 1;
        var openedAt = 0;
        void EndField()
        {
            row.Add(quoted || field.Length > 0 ? GridCell.Of(field.ToString()) : GridCell.Empty);
            field.Clear();
            quoted = false;
        }
        void EndRow()
        {
            EndField();
            sheet.Rows.Add([.. row]);
            row.Clear();
            any = false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') inQuotes = false;
                else { if (ch == '\n') line++; field.Append(ch); }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0 && !quoted:
                    inQuotes = quoted = any = true;
                    openedAt = line;
                    break;
                case ',': EndField(); any = true; break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n': break;
                case '\r' or '\n': EndRow(); line++; break;
                default: field.Append(ch); any = true; break;
            }
        }
        if (inQuotes) return (null, $"{name}.csv: a quote opened on line {openedAt} is never closed");
        if (any || field.Length > 0 || row.Count > 0) EndRow();
        return (sheet, null);
    }
}
