using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Allocator.Sweeps;

/// <summary>
/// <c>sweep gather</c>: the table of a sweep's output folder, as CSV (RFC 4180, "\n" line ends). Header
/// <c>scenario,index,status,value,maxValue,committed,available</c> and one column per <c>vary</c> entry named by
/// its path; one row per scenario in index order. The summary numbers are copied from each result file as written
/// (no re-formatting); a varied column holds the value at that path in the scenario's request (for a factor, the
/// product, not the factor). A scenario without a result yet has status <c>missing</c> and empty numbers.
/// </summary>
public static class SweepTable
{
    /// <summary>The fixed columns, before the varied ones.</summary>
    public static IReadOnlyList<string> FixedColumns { get; } = ["scenario", "index", "status", "value", "maxValue", "committed", "available"];

    /// <summary>The CSV text for <paramref name="folder"/>, and how many scenarios have no result yet; or a problem.</summary>
    public static (string? Csv, int Missing, string? Problem) Gather(string folder)
    {
        var (columns, scenarios, problem) = SweepIndex.Read(folder);
        if (problem is not null) return (null, 0, problem);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', FixedColumns.Concat(columns!).Select(Field))).Append('\n');
        var missing = 0;
        foreach (var (index, id, cells) in scenarios!.OrderBy(s => s.Index))
        {
            var path = Path.Combine(folder, SweepFiles.ResultName(id));
            string[] summary;
            if (File.Exists(path))
            {
                var (read, damaged) = Summary(path);
                if (damaged is not null) return (null, 0, damaged);
                summary = read!;
            }
            else
            {
                summary = ["missing", "", "", "", ""];
                missing++;
            }
            var row = new[] { id, index.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                .Concat(summary)
                .Concat(cells.Select(Cell));
            csv.Append(string.Join(',', row.Select(Field))).Append('\n');
        }
        return (csv.ToString(), missing, null);
    }

    private static (string[]? Summary, string? Problem) Summary(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var summary = root.GetProperty("summary");
            return ([root.GetProperty("status").GetString()!,
                summary.GetProperty("value").GetRawText(),
                summary.GetProperty("maxValue").GetRawText(),
                summary.GetProperty("committed").GetRawText(),
                summary.GetProperty("available").GetRawText()], null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, $"{path} is not an allocation result ({e.Message}); delete it and run the sweep again to re-solve that scenario");
        }
    }

    /// <summary>A varied value as a cell: strings as they are, anything else as compact JSON.</summary>
    private static string Cell(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    /// <summary>A CSV field, quoted when it holds a comma, a quote or a line break.</summary>
    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
}
