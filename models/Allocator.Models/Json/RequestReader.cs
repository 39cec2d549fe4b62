using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Allocator.Models;

/// <summary>
/// The outcome of reading a request. <see cref="Request"/> is null when the document's shape is broken (a value of
/// the wrong type, a null, a missing member); <see cref="Errors"/> then also holds the cross-field rules broken by
/// what could be read, so that every problem is reported in one pass. When the only problems are unknown
/// properties, <see cref="Request"/> holds the request without them, for the caller's validator to check.
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
                return new ReadOutcome(null, errors.Concat(RulesOnWhatWasRead(document.RootElement, walker.Repairs)).ToList(), sha);
            try
            {
                var request = (walker.Deletable.Count == 0
                        ? document.RootElement.Deserialize(context.AllocationRequest)
                        : walker.Repairs.Apply(document.RootElement).Deserialize(context.AllocationRequest))
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
                    : JsonSyntaxMessages.Sentence(e.Message);
                return new ReadOutcome(null, [new InputError(e.Path ?? JsonPath.Root, message)], sha);
            }
        }
    }

    /// <summary>
    /// A value of the wrong type must not hide the other problems (issue 11, item 7): the request is rebuilt with a
    /// neutral placeholder for each value that could not be read, and the cross-field rules run on it, skipping
    /// every rule that depends on a placeholder. The backend's availability is left to the engine, which knows it.
    /// </summary>
    private static IReadOnlyList<InputError> RulesOnWhatWasRead(JsonElement root, DocumentRepairs repairs)
    {
        AllocationRequest? partial;
        try
        {
            partial = repairs.Apply(root).Deserialize(AllocatorJsonContext.Default.AllocationRequest);
        }
        catch (JsonException)
        {
            return []; // the shape errors already say what to fix; the rules run once they are fixed
        }
        return partial is null ? [] : RequestValidator.Validate(partial, backends: null, repairs.Unreadable);
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
        return new InputError(JsonPath.Root, $"{where}: {JsonSyntaxMessages.Plain(e.Message)} (fix the JSON syntax; a validator or editor will point at it)");
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

    /// <summary>
    /// Walks a JSON value against contract metadata, collecting every shape problem, and for each one the repair
    /// (<see cref="DocumentRepairs"/>) that lets the rest of the document be read: delete an unknown property,
    /// put a placeholder where a value is missing or unreadable.
    /// </summary>
    private sealed class ShapeWalker(JsonSerializerOptions options, List<InputError> errors)
    {
        // JsonSerializerOptions.GetTypeInfo checks the type on every call: 820 ms of 930 for a 48 MB request's
        // 2 million values (dotnet-trace), against a dictionary's lookup.
        private readonly Dictionary<Type, JsonTypeInfo> _typeInfos = [];

        private readonly Dictionary<JsonTypeInfo, Dictionary<string, JsonPropertyInfo>> _properties = [];

        /// <summary>An object type's properties by name, built once per type rather than once per object.</summary>
        private Dictionary<string, JsonPropertyInfo> Properties(JsonTypeInfo type)
        {
            if (!_properties.TryGetValue(type, out var known))
                _properties[type] = known = type.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
            return known;
        }

        private JsonTypeInfo TypeInfo(Type type)
        {
            if (!_typeInfos.TryGetValue(type, out var info))
                _typeInfos[type] = info = options.GetTypeInfo(type);
            return info;
        }

        /// <summary>Unknown properties (by parent path and name): problems that deleting the property removes.</summary>
        public HashSet<(string Parent, string Name)> Deletable { get; } = [];

        /// <summary>How to turn the document into one the deserialiser reads.</summary>
        public DocumentRepairs Repairs { get; } = new();

        public void Walk(JsonElement value, JsonTypeInfo type, string path)
        {
            if (!Readable(value, type, path))
                Repairs.Replace(path, Placeholder(type));
        }

        /// <summary>Whether the value itself can be read (problems inside it are repaired where they are).</summary>
        private bool Readable(JsonElement value, JsonTypeInfo type, string path)
        {
            var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
            if (clr == typeof(Capacity)) return WalkCapacity(value, path);
            if (clr == typeof(string)) return Expect(value, JsonValueKind.String, "a string", path);
            if (clr == typeof(double)) return WalkNumber(value, path);
            if (clr == typeof(int)) return WalkInteger(value, path);
            if (clr == typeof(bool)) return WalkBoolean(value, path);
            if (type.Kind == JsonTypeInfoKind.Object) return WalkObject(value, type, path);
            if (type.Kind == JsonTypeInfoKind.Dictionary) return WalkDictionary(value, type, path);
            if (type.Kind == JsonTypeInfoKind.Enumerable) return WalkArray(value, type, path);
            errors.Add(new InputError(path, $"has a type this reader does not know ({clr.Name})"));
            return false;
        }

        /// <summary>
        /// A value of the right type that the rules treat as neutral: 0, the empty string, an empty list, an object
        /// with placeholders for its required members. The validator skips the rules that depend on it.
        /// </summary>
        private JsonNode Placeholder(JsonTypeInfo type)
        {
            var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
            if (clr == typeof(string)) return JsonValue.Create("");
            if (clr == typeof(Capacity) || clr == typeof(double) || clr == typeof(int)) return JsonValue.Create(0);
            if (clr == typeof(bool)) return JsonValue.Create(false);
            return type.Kind switch
            {
                JsonTypeInfoKind.Object => new JsonObject(type.Properties.Where(p => p.IsRequired)
                    .Select(p => KeyValuePair.Create(p.Name, (JsonNode?)Placeholder(TypeInfo(p.PropertyType))))),
                JsonTypeInfoKind.Enumerable => new JsonArray(),
                _ => new JsonObject(),
            };
        }

        private bool WalkObject(JsonElement value, JsonTypeInfo type, string path)
        {
            if (!Expect(value, JsonValueKind.Object, "an object", path)) return false;
            var known = Properties(type);
            var seen = new HashSet<string>(known.Count, StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                var at = JsonPath.Property(path, property.Name);
                if (!seen.Add(property.Name))
                {
                    errors.Add(new InputError(at, $"'{property.Name}' appears more than once (keep one)"));
                    continue; // the repaired document keeps the first
                }
                if (!known.TryGetValue(property.Name, out var info))
                {
                    errors.Add(new InputError(at, UnknownProperty(property.Name, known.Keys)));
                    Deletable.Add((path, property.Name));
                    Repairs.Delete(at);
                    continue;
                }
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    if (info.IsRequired || !info.IsSetNullable)
                    {
                        errors.Add(new InputError(at, $"must not be null (give a value{(info.IsRequired ? "" : " or leave the property out")})"));
                        Repairs.Replace(at, Placeholder(TypeInfo(info.PropertyType)));
                    }
                    continue;
                }
                Walk(property.Value, TypeInfo(info.PropertyType), at);
            }
            foreach (var info in type.Properties.Where(p => p.IsRequired && !seen.Contains(p.Name)))
            {
                errors.Add(new InputError(JsonPath.Property(path, info.Name), $"is required (add '{info.Name}')"));
                Repairs.Add(path, info.Name, Placeholder(TypeInfo(info.PropertyType)));
            }
            return true;
        }

        private bool WalkDictionary(JsonElement value, JsonTypeInfo type, string path)
        {
            if (!Expect(value, JsonValueKind.Object, "an object", path)) return false;
            var valueType = TypeInfo(type.ElementType!);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                var at = JsonPath.Property(path, property.Name);
                if (!seen.Add(property.Name))
                    errors.Add(new InputError(at, $"'{property.Name}' appears more than once (keep one)"));
                else
                    Walk(property.Value, valueType, at);
            }
            return true;
        }

        private bool WalkArray(JsonElement value, JsonTypeInfo type, string path)
        {
            if (!Expect(value, JsonValueKind.Array, "an array", path)) return false;
            var elementType = TypeInfo(type.ElementType!);
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                var at = JsonPath.Index(path, index++);
                if (element.ValueKind == JsonValueKind.Null)
                {
                    errors.Add(new InputError(at, "must not be null (remove it or give a value)"));
                    Repairs.Replace(at, Placeholder(elementType));
                }
                else
                    Walk(element, elementType, at);
            }
            return true;
        }

        private bool WalkCapacity(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.Number)
                return WalkNumber(value, path);
            if (value.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new InputError(path, $"must be a number or an array of numbers, not {Describe(value)}{WithoutQuotes(value)}"));
                return false;
            }
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                var i = index++;
                // Most entries are plain numbers: no path is written for them (a large request has millions).
                if (IsPlainNumber(element)) continue;
                var at = JsonPath.Index(path, i);
                if (!WalkNumber(element, at))
                    Repairs.Replace(at, JsonValue.Create(0));
            }
            return true;
        }

        /// <summary>
        /// A number <see cref="WalkNumber"/> accepts without a word: finite, and not a positive number written so small
        /// that it reads as 0. Checked without the number's text, which only a 0 needs.
        /// </summary>
        private static bool IsPlainNumber(JsonElement value) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            && (number != 0 || !Mantissa(value.GetRawText()).Any(c => c is >= '1' and <= '9'));

        private bool WalkNumber(JsonElement value, string path)
        {
            if (IsPlainNumber(value)) return true;
            if (!Expect(value, JsonValueKind.Number, "a number", path)) return false;
            var text = value.GetRawText();
            if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
                errors.Add(new InputError(path, $"{Shorten(text)} is outside the range of numbers this tool handles (use a finite number below 1e308)"));
            else if (number == 0 && Mantissa(text).Any(c => c is >= '1' and <= '9'))
                // double.Parse rounds 1e-400 to 0; the planner wrote a positive number, so do not call it "0".
                errors.Add(new InputError(path, $"{Shorten(text)} is too small to be represented: it underflows to 0 (use 0, or a number of at least 1e-300)"));
            else
                return true;
            return false;
        }

        private static string Mantissa(string number)
        {
            var e = number.IndexOfAny(['e', 'E']);
            return e < 0 ? number : number[..e];
        }

        private bool WalkBoolean(JsonElement value, string path)
        {
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return true;
            errors.Add(new InputError(path, $"must be true or false, not {Describe(value)}"));
            return false;
        }

        private bool WalkInteger(JsonElement value, string path)
        {
            if (!Expect(value, JsonValueKind.Number, "a whole number", path)) return false;
            if (value.TryGetInt32(out _)) return true;
            var text = Shorten(value.GetRawText());
            var integral = value.TryGetDouble(out var number) && double.IsFinite(number) && Math.Floor(number) == number;
            errors.Add(new InputError(path, integral
                ? $"{text} must be written as a whole number between {int.MinValue} and {int.MaxValue}, without a fraction or exponent"
                : $"{text} is not a whole number (periods and lead times count whole periods)"));
            return false;
        }

        private bool Expect(JsonElement value, JsonValueKind kind, string what, string path)
        {
            if (value.ValueKind == kind) return true;
            errors.Add(new InputError(path, $"must be {what}, not {Describe(value)}{(kind == JsonValueKind.Number ? WithoutQuotes(value) : "")}"));
            return false;
        }

        /// <summary>For a number written in quotes ("550"), how to write it.</summary>
        private static string WithoutQuotes(JsonElement value) =>
            value.ValueKind == JsonValueKind.String && value.GetString() is { } text
            && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            && text.Trim() == text && text.Length <= 40
                ? $" (write the number without quotes: {text})"
                : "";

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
            var hint = EditDistance.Closest(name, list) is { } closest
                ? $"did you mean '{closest}'?"
                : $"known properties here: {string.Join(", ", list)}";
            return $"unknown property '{Shorten(name)}' ({hint})";
        }
    }
}
