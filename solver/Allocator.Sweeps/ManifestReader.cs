using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;

namespace Allocator.Sweeps;

/// <summary>
/// Strict reading of a sweep manifest (contract v1.1, section 5): every problem is reported at once with its
/// JSON path in the manifest, and nothing about the scenarios themselves is checked here (that is
/// <see cref="SweepPlan.Expand"/>'s job).
/// </summary>
public static class ManifestReader
{
    /// <summary>More scenarios than this is almost certainly a mistake (and would take days); refused with a sentence.</summary>
    public const long MaxScenarios = 1_000_000;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads the manifest file at <paramref name="path"/>; a <c>base</c> file is found relative to its folder.</summary>
    public static (SweepManifest? Manifest, IReadOnlyList<InputError> Errors) ReadFile(string path)
    {
        if (Directory.Exists(path)) return Fail($"'{path}' is a directory (give a sweep manifest JSON file)");
        if (!File.Exists(path)) return Fail($"'{path}' does not exist (give the path of a sweep manifest JSON file)");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot read '{path}': {e.Message}");
        }
        return Read(bytes, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Reads manifest JSON; a <c>base</c> file name is resolved against <paramref name="folder"/>.</summary>
    public static (SweepManifest? Manifest, IReadOnlyList<InputError> Errors) Read(ReadOnlyMemory<byte> utf8, string folder)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(StripBom(utf8).Span, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            return Fail($"the manifest is not valid JSON{(e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "")}: fix the syntax");
        }
        if (root is not JsonObject manifest)
            return Fail("a manifest is a JSON object with \"base\" and \"vary\"");
        if (BrokenText(manifest, "$") is { } broken)
            return Fail("a string contains an escaped lone surrogate such as \\ud800 (half of a \\uXXXX pair), which is not text (remove it or give the whole pair)", broken);

        var errors = new List<InputError>();
        foreach (var (name, _) in manifest)
            if (name is not ("base" or "vary" or "description"))
                errors.Add(new InputError($"$.{name}", "unknown property (a manifest has \"base\", \"vary\" and optionally \"description\"); remove it"));
        if (manifest["description"] is { } description && description.GetValueKind() != JsonValueKind.String)
            errors.Add(new InputError("$.description", "must be a string"));

        var baseRequest = ReadBase(manifest, folder, errors);
        var vary = ReadVary(manifest, baseRequest, errors);
        if (errors.Count > 0 || baseRequest is null) return (null, errors);

        var document = new JsonObject();
        if (manifest["description"] is { } text) document["description"] = text.DeepClone();
        document["base"] = baseRequest.DeepClone();
        document["vary"] = manifest["vary"]?.DeepClone() ?? new JsonArray();
        var result = new SweepManifest(baseRequest, vary, document);
        if (result.ScenarioCount > MaxScenarios)
            return Fail($"the manifest makes {result.ScenarioCount:N0} scenarios, more than {MaxScenarios:N0}; split it into several sweeps", "$.vary");
        return (result, []);
    }

    private static JsonNode? ReadBase(JsonObject manifest, string folder, List<InputError> errors)
    {
        if (!manifest.TryGetPropertyValue("base", out var node) || node is null)
        {
            errors.Add(new InputError("$.base", "missing: give a request file (relative to the manifest) or an inline request object"));
            return null;
        }
        byte[] bytes;
        if (node.GetValueKind() == JsonValueKind.String)
        {
            var file = Path.Combine(folder, node.GetValue<string>());
            if (!File.Exists(file))
            {
                errors.Add(new InputError("$.base", $"the request file '{node.GetValue<string>()}' does not exist (looked for {file}; a base file is relative to the manifest)"));
                return null;
            }
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new InputError("$.base", $"cannot read '{file}': {e.Message}"));
                return null;
            }
        }
        else if (node is JsonObject)
            bytes = Encoding.UTF8.GetBytes(node.ToJsonString());
        else
        {
            errors.Add(new InputError("$.base", "must be a request file name (a string) or an inline request (an object)"));
            return null;
        }

        var read = AllocationEngine.Read(bytes);
        if (read.Request is null)
        {
            foreach (var error in read.Errors)
                errors.Add(new InputError("$.base", $"the base request is invalid at {error.Path}: {error.Message}"));
            return null;
        }
        return JsonNode.Parse(StripBom(bytes).Span, documentOptions: DocumentOptions);
    }

    private static List<VaryEntry> ReadVary(JsonObject manifest, JsonNode? baseRequest, List<InputError> errors)
    {
        var entries = new List<VaryEntry>();
        if (!manifest.TryGetPropertyValue("vary", out var node) || node is null)
        {
            errors.Add(new InputError("$.vary", "missing: give a list of entries such as { \"path\": \"$.exchangeRates.DKK\", \"values\": [0.13, 0.145] }"));
            return entries;
        }
        if (node is not JsonArray array)
        {
            errors.Add(new InputError("$.vary", "must be an array of entries"));
            return entries;
        }
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < array.Count; i++)
        {
            if (ReadEntry(array[i], i, baseRequest, errors) is { } entry) entries.Add(entry);
            // Checked on the path text alone, so a repeat is reported even when the first entry has other problems.
            if (array[i] is JsonObject o && o["path"] is JsonValue p && p.GetValueKind() == JsonValueKind.String)
            {
                var text = p.GetValue<string>();
                if (seen.TryGetValue(text, out var first))
                    errors.Add(new InputError($"$.vary[{i}].path", $"'{text}' is already varied by $.vary[{first}]; give each path once (list all its choices in one entry)"));
                else
                    seen[text] = i;
            }
        }
        return entries;
    }

    private static VaryEntry? ReadEntry(JsonNode? node, int position, JsonNode? baseRequest, List<InputError> errors)
    {
        var at = $"$.vary[{position}]";
        if (node is not JsonObject entry)
        {
            errors.Add(new InputError(at, "must be an object with \"path\" and either \"values\" or \"factors\""));
            return null;
        }
        var before = errors.Count;
        foreach (var (name, _) in entry)
            if (name is not ("path" or "values" or "factors"))
                errors.Add(new InputError($"{at}.{name}", "unknown property (an entry has \"path\" and either \"values\" or \"factors\"); remove it"));

        VaryPath? path = null;
        JsonNode? target = null;
        if (entry["path"] is not { } pathNode || pathNode.GetValueKind() != JsonValueKind.String)
            errors.Add(new InputError($"{at}.path", "missing or not a string: give a JSON path of the base request, such as $.exchangeRates.DKK"));
        else
        {
            var (parsed, problem) = VaryPath.Parse(pathNode.GetValue<string>());
            if (problem is not null)
                errors.Add(new InputError($"{at}.path", problem));
            else if (baseRequest is not null)
            {
                var (found, missing) = parsed!.Find(baseRequest);
                if (missing is not null)
                    errors.Add(new InputError($"{at}.path", $"'{parsed.Text}' does not exist in the base request: {missing}"));
                else
                    (path, target) = (parsed, found);
            }
            else
                path = parsed;
        }

        var hasValues = entry.ContainsKey("values");
        var hasFactors = entry.ContainsKey("factors");
        if (hasValues == hasFactors)
        {
            errors.Add(new InputError(at, hasValues
                ? "has both \"values\" and \"factors\"; give one (use two entries on different paths to vary two things)"
                : "needs \"values\" (replace) or \"factors\" (multiply)"));
            return null;
        }
        var key = hasValues ? "values" : "factors";
        if (entry[key] is not JsonArray choices || choices.Count == 0)
        {
            errors.Add(new InputError($"{at}.{key}", "must be a non-empty array"));
            return null;
        }
        if (hasValues)
            return errors.Count > before || path is null ? null : new VaryEntry(position, path, choices.ToList(), null);

        var factors = new List<decimal>();
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && JsonSerializer.SerializeToElement(v).TryGetDecimal(out var factor))
                factors.Add(factor);
            else
                errors.Add(new InputError($"{at}.factors[{i}]", "must be a number (a multiplier such as 0.8 or 1.2)"));
        }
        if (target is not null && !ScaledNumber.IsNumber(target))
            errors.Add(new InputError($"{at}.factors", $"'{path!.Text}' holds {target.GetValueKind().ToString().ToLowerInvariant()}, not a number, so it cannot be multiplied (use \"values\")"));
        return errors.Count > before || path is null ? null : new VaryEntry(position, path, null, factors);
    }

    /// <summary>
    /// The path of the first string that is not text (JSON accepts "\ud800", half of a surrogate pair, and .NET
    /// throws only when it is read), or null. Checked once here so nothing later meets it.
    /// </summary>
    private static string? BrokenText(JsonNode? node, string path)
    {
        try
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, child) in o)
                        if (BrokenText(child, $"{path}.{name}") is { } inner) return inner;
                    return null;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                        if (BrokenText(a[i], $"{path}[{i}]") is { } inner) return inner;
                    return null;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    _ = v.GetValue<string>();
                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return path;
        }
    }

    private static ReadOnlyMemory<byte> StripBom(ReadOnlyMemory<byte> utf8) =>
        utf8.Span.StartsWith(Encoding.UTF8.Preamble) ? utf8[Encoding.UTF8.Preamble.Length..] : utf8;

    private static (SweepManifest?, IReadOnlyList<InputError>) Fail(string message, string path = "$") => (null, [new InputError(path, message)]);
}
