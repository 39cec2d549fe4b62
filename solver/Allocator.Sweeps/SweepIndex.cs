using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Allocator.Sweeps;

/// <summary>
/// <c>OUT_DIR/sweep.json</c>: the manifest (its base inlined) and every scenario's index, id and varied values.
/// Every worker writes it (atomically) before solving; its bytes follow from the manifest alone, so workers racing
/// on a shared volume write the same file, and a folder holding another sweep's index is refused rather than
/// mixed. <c>sweep gather</c> reads only this file and the results, so the table can be made anywhere the folder is.
/// </summary>
public static class SweepIndex
{
    /// <summary>The index's file name in the output folder.</summary>
    public const string FileName = "sweep.json";

    /// <summary>The index's format tag, changed if its layout ever changes.</summary>
    public const string Format = "allocator-sweep-index/1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NewLine = "\n" };

    /// <summary>The index's bytes for <paramref name="plan"/>.</summary>
    public static byte[] Bytes(SweepPlan plan)
    {
        var scenarios = new JsonArray();
        foreach (var s in plan.Scenarios)
            scenarios.Add(new JsonObject
            {
                ["index"] = s.Index,
                ["id"] = s.Id,
                ["cells"] = new JsonArray(s.Cells.Select(c => c?.DeepClone()).ToArray()),
            });
        var index = new JsonObject
        {
            ["format"] = Format,
            ["columns"] = new JsonArray(plan.Manifest.Vary.Select(e => (JsonNode?)JsonValue.Create(e.Path.Text)).ToArray()),
            ["scenarios"] = scenarios,
            ["manifest"] = plan.Manifest.Document.DeepClone(),
        };
        return Encoding.UTF8.GetBytes(index.ToJsonString(Indented) + "\n");
    }

    /// <summary>
    /// Writes the index into <paramref name="folder"/> unless the same index is there already; returns a problem
    /// when the folder holds another sweep's index.
    /// </summary>
    public static string? Claim(string folder, SweepPlan plan)
    {
        var path = Path.Combine(folder, FileName);
        var bytes = Bytes(plan);
        if (File.Exists(path))
            return File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)
                ? null
                : $"'{folder}' holds the results of another sweep (its {FileName} differs from this manifest's); give a new output folder";
        SweepFiles.WriteAtomically(path, bytes);
        return null;
    }

    private static bool IsId(string id) => id.Length == 16 && id.All(char.IsAsciiHexDigitLower);

    /// <summary>Reads the index of <paramref name="folder"/>: the column names and (index, id, cells) of every scenario.</summary>
    public static (IReadOnlyList<string>? Columns, IReadOnlyList<(int Index, string Id, IReadOnlyList<JsonNode?> Cells)>? Scenarios, string? Problem) Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            return (null, null, $"'{folder}' has no {FileName}; it is written by `allocator sweep MANIFEST -o {folder}` before anything is solved");
        var damaged = $"{path} is damaged or not a sweep index of format {Format}; run the sweep again into a new folder";
        try
        {
            if (JsonNode.Parse(File.ReadAllBytes(path)) is not JsonObject root
                || root["format"] is not JsonValue format || format.GetValueKind() != JsonValueKind.String || format.GetValue<string>() != Format
                || root["columns"] is not JsonArray columnArray || root["scenarios"] is not JsonArray scenarioArray)
                return (null, null, damaged);
            var columns = new List<string>();
            foreach (var column in columnArray)
            {
                if (column is not JsonValue c || c.GetValueKind() != JsonValueKind.String) return (null, null, damaged);
                columns.Add(c.GetValue<string>());
            }
            var scenarios = new List<(int, string, IReadOnlyList<JsonNode?>)>();
            foreach (var scenario in scenarioArray)
            {
                if (scenario is not JsonObject o
                    || o["index"] is not JsonValue index || index.GetValueKind() != JsonValueKind.Number || !index.TryGetValue<int>(out var at)
                    || o["id"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String || !IsId(id.GetValue<string>())
                    || o["cells"] is not JsonArray cells || cells.Count != columns.Count)
                    return (null, null, damaged);
                scenarios.Add((at, id.GetValue<string>(), cells.Select(c => c?.DeepClone()).ToList()));
            }
            return (columns, scenarios, null);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return (null, null, $"{damaged} ({e.Message})");
        }
    }
}
