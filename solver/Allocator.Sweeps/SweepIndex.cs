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
        try
        {
            var root = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
            if (root["format"]?.GetValue<string>() != Format)
                return (null, null, $"{path} is not a sweep index of format {Format}");
            var columns = root["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
            var scenarios = root["scenarios"]!.AsArray().Select(s => (
                s!["index"]!.GetValue<int>(),
                s["id"]!.GetValue<string>(),
                (IReadOnlyList<JsonNode?>)s["cells"]!.AsArray().Select(c => c?.DeepClone()).ToList())).ToList();
            if (scenarios.FirstOrDefault(s => !IsId(s.Item2)) is { Item2: { } bad })
                return (null, null, $"{path} names a scenario '{bad}', which is not an id of 16 hex digits; run the sweep again into a new folder");
            return (columns, scenarios, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return (null, null, $"{path} is damaged ({e.Message}); run the sweep again into a new folder");
        }
    }
}
