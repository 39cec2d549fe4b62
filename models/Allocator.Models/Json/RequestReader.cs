using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Allocator.Models;

/// <summary>
/// The outcome of reading a request. <see cref="Request"/> is null when the document's shape is broken; when the
/// only problems are properties to delete (unknown or repeated ones), it holds the request without them, so
/// that the cross-field rules can still be checked and every problem reported in one pass.
/// </summary>
public sealed class ReadOutcome
{
    internal ReadOutcome(AllocationRequest? request, IReadOnlyList<InputError> errors, string inputSha256)
    {
        Request = request;
        Errors = errors;
        InputSha256 = inputSha256;
    }

    /// <summary>The request (still to be validated), or null when its shape is broken.</summary>
    public AllocationRequest? Request { get; }

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    /// <summary>SHA-256 of the bytes read, lower-case hex.</summary>
    public string InputSha256 { get; }
}

/// <summary>
/// Strict reading of contract-v1 request JSON. Before deserialising, the document is walked against the
/// source-generated metadata of the contract types, so that every unknown property, wrong JSON type, missing
/// required member, non-integer or out-of-range number is reported at once with its JSON path (the plain
/// deserialiser stops at the first problem and names it in .NET terms).
/// </summary>
public static class RequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads a request from UTF-8 bytes (a leading byte-order mark is allowed).</summary>
    public static ReadOutcome Read(ReadOnlyMemory<byte> utf8)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(utf8.Span));
        var body = utf8.Span.StartsWith(Encoding.UTF8.Preamble) ? utf8[Encoding.UTF8.Preamble.Length..] : utf8;
        // JsonDocument checks UTF-8 only when a string is read: an invalid byte in a property name would escape as
        // an InvalidOperationException, and in a value as a .NET conversion message. Check the whole text first.
        if (!Utf8.IsValid(body.Span))
            return new ReadOutcome(null, [InvalidUtf8(body.Span)], sha);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            return new ReadOutcome(null, [MalformedJson(e)], sha);
        }
        using (document)
        {
            var errors = new List<InputError>();
            var context = AllocatorJsonContext.Default;
            var walker = new ShapeWalker(context.Options, errors);
            try
            {
                walker.Walk(document.RootElement, context.AllocationRequest, JsonPath.Root);
            }
            catch (InvalidOperationException)
            {
                // JsonDocument accepts "\ud800" (half of a surrogate pair) and throws only when the string is read
                // (found by InputFuzzTests; Fuzz/regressions/lone-surrogate-escape.json).
                return new ReadOutcome(null, [new InputError(JsonPath.Root,
                    "a string contains an escaped lone surrogate such as \\ud800 (half of a \\uXXXX pair), which is not text (remove it or give the whole pair)")], sha);
            }
            if (errors.Count > walker.Deletable.Count)
                return new ReadOutcome(null, errors, sha);
            try
            {
                var request = (walker.Deletable.Count == 0
                        ? document.RootElement.Deserialize(context.AllocationRequest)
                        : Without(document.RootElement, walker.Deletable).Deserialize(context.AllocationRequest))
                    ?? throw new JsonException("the document is null");
                return new ReadOutcome(request, errors, sha);
            }
            catch (JsonException e)
            {
                // The walk accepts only what the deserialiser accepts; reaching this is a bug, but the user still
                // gets a sentence rather than a stack trace.
                // .NET's message names .NET types ("could not be converted to Allocator.Models.Horizon"): say it plainly.
                var message = e.Message.Contains("Allocator.", StringComparison.Ordinal) || e.Message.Contains("System.", StringComparison.Ordinal)
                    ? "this value could not be read (check it for invalid characters, such as a lone \\ud800 escape)"
                    : Sentence(e.Message);
                return new ReadOutcome(null, [new InputError(e.Path ?? JsonPath.Root, message)], sha);
            }
        }
    }

    /// <summary>A copy of the document without the properties at <paramref name="paths"/>.</summary>
    private static System.Text.Json.Nodes.JsonNode Without(JsonElement root, IReadOnlyCollection<(string Parent, string Name)> paths)
    {
        // JsonNode keeps the last of repeated keys; rebuilding objects by hand keeps the first, as the walk did.
        System.Text.Json.Nodes.JsonNode? Copy(JsonElement e, string path) => e.ValueKind switch
        {
            JsonValueKind.Object => CopyObject(e, path),
            JsonValueKind.Array => new System.Text.Json.Nodes.JsonArray(e.EnumerateArray().Select((x, i) => Copy(x, JsonPath.Index(path, i))).ToArray()),
            _ => System.Text.Json.Nodes.JsonValue.Create(e),
        };
        System.Text.Json.Nodes.JsonObject CopyObject(JsonElement e, string path)
        {
            var o = new System.Text.Json.Nodes.JsonObject();
            foreach (var p in e.EnumerateObject())
                if (!o.ContainsKey(p.Name) && !paths.Contains((path, p.Name)))
                    o[p.Name] = Copy(p.Value, JsonPath.Property(path, p.Name));
            return o;
        }
        return Copy(root, JsonPath.Root)!;
    }

    /// <summary>Reads a request from a string.</summary>
    public static ReadOutcome Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    /// <summary>Serialises a request as indented contract JSON.</summary>
    public static string Write(AllocationRequest request) => AllocatorJson.Serialize(request);

    private static InputError MalformedJson(JsonException e)
    {
        var where = e.LineNumber is { } line
            ? $"malformed JSON at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}"
            : "malformed JSON";
        return new InputError(JsonPath.Root, $"{where}: {Sentence(e.Message)} (fix the JSON syntax; a validator or editor will point at it)");
    }

    private static InputError InvalidUtf8(ReadOnlySpan<byte> text)
    {
        var at = 0;
        while (at < text.Length && Rune.DecodeFromUtf8(text[at..], out _, out var length) == OperationStatus.Done)
            at += length;
        var before = text[..at];
        var line = before.Count((byte)'\n') + 1;
        var column = at - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return new InputError(JsonPath.Root, $"malformed JSON at line {line}, column {column}: the text is not valid UTF-8 (save the file as UTF-8)");
    }

    // System.Text.Json appends "Path: ... | LineNumber: ... | BytePositionInLine: ..." to its messages; the
    // caller already reports the position in the planner's terms.
    private static string Sentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).Trim();
        return text.EndsWith('.') ? text[..^1] : text;
    }

    /// <summary>Walks a JSON value against contract metadata, collecting every shape problem.</summary>
    private sealed class ShapeWalker(JsonSerializerOptions options, List<InputError> errors)
    {
        /// <summary>Unknown properties (by parent path and name): problems that deleting the property removes.</summary>
        public HashSet<(string Parent, string Name)> Deletable { get; } = [];

        public void Walk(JsonElement value, JsonTypeInfo type, string path)
        {
            var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
            if (clr == typeof(Capacity)) WalkCapacity(value, path);
            else if (clr == typeof(string)) Expect(value, JsonValueKind.String, "a string", path);
            else if (clr == typeof(double)) WalkNumber(value, path);
            else if (clr == typeof(int)) WalkInteger(value, path);
            else if (type.Kind == JsonTypeInfoKind.Object) WalkObject(value, type, path);
            else if (type.Kind == JsonTypeInfoKind.Dictionary) WalkDictionary(value, type, path);
            else if (type.Kind == JsonTypeInfoKind.Enumerable) WalkArray(value, type, path);
            else errors.Add(new InputError(path, $"has a type this reader does not know ({clr.Name})"));
        }

        private void WalkObject(JsonElement value, JsonTypeInfo type, string path)
        {
            if (!Expect(value, JsonValueKind.Object, "an object", path)) return;
            var known = type.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                var at = JsonPath.Property(path, property.Name);
                if (!seen.Add(property.Name))
                {
                    errors.Add(new InputError(at, $"'{property.Name}' appears more than once (keep one)"));
                    continue;
                }
                if (!known.TryGetValue(property.Name, out var info))
                {
                    errors.Add(new InputError(at, UnknownProperty(property.Name, known.Keys)));
                    Deletable.Add((path, property.Name));
                    continue;
                }
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    if (info.IsRequired || !info.IsSetNullable)
                        errors.Add(new InputError(at, $"must not be null (give a value{(info.IsRequired ? "" : " or leave the property out")})"));
                    continue;
                }
                Walk(property.Value, options.GetTypeInfo(info.PropertyType), at);
            }
            foreach (var info in type.Properties.Where(p => p.IsRequired && !seen.Contains(p.Name)))
                errors.Add(new InputError(JsonPath.Property(path, info.Name), $"is required (add '{info.Name}')"));
        }

        private void WalkDictionary(JsonElement value, JsonTypeInfo type, string path)
        {
            if (!Expect(value, JsonValueKind.Object, "an object", path)) return;
            var valueType = options.GetTypeInfo(type.ElementType!);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                var at = JsonPath.Property(path, property.Name);
                if (!seen.Add(property.Name))
                    errors.Add(new InputError(at, $"'{property.Name}' appears more than once (keep one)"));
                else
                    Walk(property.Value, valueType, at);
            }
        }

        private void WalkArray(JsonElement value, JsonTypeInfo type, string path)
        {
            if (!Expect(value, JsonValueKind.Array, "an array", path)) return;
            var elementType = options.GetTypeInfo(type.ElementType!);
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                var at = JsonPath.Index(path, index++);
                if (element.ValueKind == JsonValueKind.Null)
                    errors.Add(new InputError(at, "must not be null (remove it or give a value)"));
                else
                    Walk(element, elementType, at);
            }
        }

        private void WalkCapacity(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.Number)
            {
                WalkNumber(value, path);
                return;
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new InputError(path, $"must be a number or an array of numbers, not {Describe(value)}"));
                return;
            }
            var index = 0;
            foreach (var element in value.EnumerateArray())
                WalkNumber(element, JsonPath.Index(path, index++));
        }

        private void WalkNumber(JsonElement value, string path)
        {
            if (!Expect(value, JsonValueKind.Number, "a number", path)) return;
            if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
                errors.Add(new InputError(path, $"{value.GetRawText()} is outside the range of numbers this tool handles (use a finite number below 1e308)"));
        }

        private void WalkInteger(JsonElement value, string path)
        {
            if (!Expect(value, JsonValueKind.Number, "a whole number", path)) return;
            if (value.TryGetInt32(out _)) return;
            var text = value.GetRawText();
            var integral = value.TryGetDouble(out var number) && double.IsFinite(number) && Math.Floor(number) == number;
            errors.Add(new InputError(path, integral
                ? $"{text} must be written as a whole number between {int.MinValue} and {int.MaxValue}, without a fraction or exponent"
                : $"{text} is not a whole number (periods and lead times count whole periods)"));
        }

        private bool Expect(JsonElement value, JsonValueKind kind, string what, string path)
        {
            if (value.ValueKind == kind) return true;
            errors.Add(new InputError(path, $"must be {what}, not {Describe(value)}"));
            return false;
        }

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => $"the string {Shorten(value.GetRawText())}",
            JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
            JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
            _ => "null",
        };

        private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

        private static string UnknownProperty(string name, IEnumerable<string> known)
        {
            var list = known.ToList();
            var closest = list.MinBy(k => Levenshtein(k.ToLowerInvariant(), name.ToLowerInvariant()));
            var hint = closest is not null && Levenshtein(closest.ToLowerInvariant(), name.ToLowerInvariant()) <= Math.Max(2, name.Length / 3)
                ? $"did you mean '{closest}'?"
                : $"known properties here: {string.Join(", ", list)}";
            return $"unknown property '{Shorten(name)}' ({hint})";
        }

        private static int Levenshtein(string a, string b)
        {
            if (a.Length > 200 || b.Length > 200) return int.MaxValue / 2;
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
