using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Allocator.Tests.Fuzz;

/// <summary>
/// Turns a valid request into a damaged one, deterministically for a <see cref="Random"/>: byte-level damage
/// (truncation, flips, insertions, a BOM, invalid UTF-8) and structure-aware damage (type swaps, extreme numbers,
/// -0, deep nesting, very long strings, duplicate keys, duplicated or dropped items), sometimes several at once.
/// </summary>
public static class Mutator
{
    /// <summary>Numbers that have broken parsers and LP models elsewhere, as JSON text.</summary>
    private static readonly string[] ExtremeNumbers =
    [
        "0", "-0", "-0.0", "0e0", "-1", "1", "0.5", "1e-300", "5e-324", "1e-9", "1e-3", "1e6", "1e9", "1e12", "1e15", "1e20",
        "1e300", "1.7976931348623157e308", "-1.7976931348623157e308", "1e309", "-1e309", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "9007199254740993", "123456789012345678901234567890", "1.0", "12.0", "1E2", "0.1e1",
        "3.0000000000000001", "100000000000000000000000000000000000000000000000000",
    ];

    private static readonly string[] Names =
    [
        "schemaVersion", "baseCurrency", "exchangeRates", "horizon", "periods", "donors", "tranches", "amount", "currency",
        "availableFrom", "expiresAfter", "eligibility", "categories", "lines", "unitCost", "leadTime", "capacity", "needs",
        "quantity", "priority", "dueBy", "lateDecay", "policy", "maxProducerShare", "solver", "backend", "timeLimitSeconds", "id",
    ];

    public static byte[] Mutate(byte[] input, Random rng)
    {
        var rounds = rng.Next(4) == 0 ? rng.Next(2, 5) : 1;
        var bytes = input;
        for (var i = 0; i < rounds; i++)
            bytes = Once(bytes, rng);
        return bytes;
    }

    private static byte[] Once(byte[] input, Random rng)
    {
        // Structure-aware damage needs a parsable document; otherwise fall back to bytes.
        var kind = rng.Next(20);
        if (kind >= 8 && TryTree(input) is { } tree)
        {
            JsonNode? damaged;
            try
            {
                damaged = kind switch
                {
                    8 or 9 or 10 => ReplaceNumber(tree, rng),
                    11 or 12 => SwapType(tree, rng),
                    13 => LongString(tree, rng),
                    14 => DeepNesting(tree, rng),
                    15 => DuplicateItem(tree, rng),
                    16 => DropProperty(tree, rng),
                    _ => null,
                };
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                damaged = null; // JsonNode refuses repeated keys (found lazily); damage the bytes instead
            }
            if (damaged is not null) return Encoding.UTF8.GetBytes(damaged.ToJsonString());
            return (kind % 4) switch
            {
                0 => DuplicateKey(input, rng),
                1 => ExtremeNumberText(input, rng),
                2 => Flip(input, rng),
                _ => UnknownProperty(input, rng),
            };
        }
        return (kind % 8) switch
        {
            0 => input[..rng.Next(input.Length + 1)],
            1 => Flip(input, rng),
            2 => Insert(input, rng, RandomBytes(rng)),
            3 => Delete(input, rng),
            4 => [0xEF, 0xBB, 0xBF, .. rng.Next(3) == 0 ? new byte[] { 0xEF, 0xBB, 0xBF } : [], .. input],
            5 => Insert(input, rng, InvalidUtf8[rng.Next(InvalidUtf8.Length)]),
            6 => DuplicateKey(input, rng),
            _ => ExtremeNumberText(input, rng),
        };
    }

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFE, 0xFF], [0x00],
    ];

    private static JsonNode? TryTree(byte[] input)
    {
        if (!System.Text.Unicode.Utf8.IsValid(input)) return null; // JsonNode decodes names lazily, and would throw later
        try
        {
            return JsonNode.Parse(input, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static byte[] Flip(byte[] input, Random rng)
    {
        if (input.Length == 0) return [(byte)rng.Next(256)];
        var copy = (byte[])input.Clone();
        for (var i = rng.Next(1, 4); i > 0; i--)
        {
            var at = rng.Next(copy.Length);
            copy[at] = rng.Next(2) == 0 ? (byte)(copy[at] ^ (1 << rng.Next(8))) : (byte)rng.Next(256);
        }
        return copy;
    }

    private static byte[] RandomBytes(Random rng)
    {
        var tokens = new[] { "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "-", "e", ".", " ", "\n", "/*", "//" };
        return rng.Next(2) == 0
            ? Encoding.UTF8.GetBytes(tokens[rng.Next(tokens.Length)])
            : Enumerable.Range(0, rng.Next(1, 8)).Select(_ => (byte)rng.Next(256)).ToArray();
    }

    private static byte[] Insert(byte[] input, Random rng, byte[] what)
    {
        var at = rng.Next(input.Length + 1);
        return [.. input[..at], .. what, .. input[at..]];
    }

    private static byte[] Delete(byte[] input, Random rng)
    {
        if (input.Length == 0) return input;
        var at = rng.Next(input.Length);
        var length = Math.Min(input.Length - at, rng.Next(1, 64));
        return [.. input[..at], .. input[(at + length)..]];
    }

    /// <summary>Repeats a property of some object, as text: <c>"amount": 1, "amount": 2</c>.</summary>
    private static byte[] DuplicateKey(byte[] input, Random rng)
    {
        var text = Encoding.UTF8.GetString(input);
        var name = Names[rng.Next(Names.Length)];
        var at = text.IndexOf($"\"{name}\"", StringComparison.Ordinal);
        if (at < 0) return Insert(input, rng, Encoding.UTF8.GetBytes($"\"{name}\": 1,"));
        var value = rng.Next(3) switch { 0 => "1", 1 => "\"x\"", _ => "null" };
        return Encoding.UTF8.GetBytes(text.Insert(at, $"\"{name}\": {value}, "));
    }

    /// <summary>Puts an extreme number (as raw text, so 1e309 and -0.0 survive) in place of some number.</summary>
    private static byte[] ExtremeNumberText(byte[] input, Random rng)
    {
        var text = Encoding.UTF8.GetString(input);
        var numbers = System.Text.RegularExpressions.Regex.Matches(text, @"(?<=:\s*|\[\s*|,\s*)-?\d+(\.\d+)?([eE][+-]?\d+)?");
        if (numbers.Count == 0) return input;
        var m = numbers[rng.Next(numbers.Count)];
        return Encoding.UTF8.GetBytes(text[..m.Index] + ExtremeNumbers[rng.Next(ExtremeNumbers.Length)] + text[(m.Index + m.Length)..]);
    }

    private static byte[] UnknownProperty(byte[] input, Random rng)
    {
        var text = Encoding.UTF8.GetString(input);
        var at = text.IndexOf('{', rng.Next(Math.Max(1, text.Length)));
        if (at < 0) at = text.IndexOf('{');
        if (at < 0) return input;
        var names = new[] { "expiresAfer", "Amount", "", "\\u0000", "a.b", "x'y", "périodes", new string('k', 300) };
        return Encoding.UTF8.GetBytes(text.Insert(at + 1, $"\"{names[rng.Next(names.Length)]}\": 1, "));
    }

    // Tree mutations (return null when the tree offers nothing to change) ------------------------------------------

    private static List<JsonNode> All(JsonNode root)
    {
        var nodes = new List<JsonNode>();
        void Walk(JsonNode? n)
        {
            if (n is null) return;
            nodes.Add(n);
            if (n is JsonObject o) foreach (var (_, v) in o) Walk(v);
            else if (n is JsonArray a) foreach (var v in a) Walk(v);
        }
        Walk(root);
        return nodes;
    }

    private static bool Replace(JsonNode target, JsonNode? with)
    {
        switch (target.Parent)
        {
            case JsonObject o:
                o[target.GetPropertyName()] = with;
                return true;
            case JsonArray a:
                a[target.GetElementIndex()] = with;
                return true;
            default:
                return false;
        }
    }

    private static JsonNode? ReplaceNumber(JsonNode root, Random rng)
    {
        var numbers = All(root).OfType<JsonValue>().Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.Number).ToList();
        if (numbers.Count == 0) return null;
        var target = numbers[rng.Next(numbers.Count)];
        var value = rng.Next(3) switch
        {
            0 => JsonValue.Create(-0.0),
            1 => JsonValue.Create(double.Parse(ExtremeNumbers[rng.Next(ExtremeNumbers.Length)] is var t && double.TryParse(t, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? t : "1e300", CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(target.GetValue<double>() * Math.Pow(10, rng.Next(-15, 16))),
        };
        return Replace(target, value) ? root : null;
    }

    private static JsonNode? SwapType(JsonNode root, Random rng)
    {
        var nodes = All(root).Where(n => n.Parent is not null).ToList();
        if (nodes.Count == 0) return null;
        var target = nodes[rng.Next(nodes.Count)];
        JsonNode? with = rng.Next(7) switch
        {
            0 => null,
            1 => JsonValue.Create("12"),
            2 => JsonValue.Create(true),
            3 => new JsonObject(),
            4 => new JsonArray(),
            5 => new JsonArray(JsonValue.Create(1), JsonValue.Create("x")),
            _ => JsonValue.Create(7),
        };
        return Replace(target, with) ? root : null;
    }

    private static JsonNode? LongString(JsonNode root, Random rng)
    {
        var strings = All(root).OfType<JsonValue>().Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String).ToList();
        if (strings.Count == 0) return null;
        var target = strings[rng.Next(strings.Count)];
        var length = rng.Next(3) switch { 0 => 101, 1 => 10_000, _ => 1_000_000 };
        var fill = rng.Next(3) switch { 0 => "a", 1 => "é", _ => "\u2028" };
        return Replace(target, JsonValue.Create(string.Concat(Enumerable.Repeat(fill, length)))) ? root : null;
    }

    private static JsonNode? DeepNesting(JsonNode root, Random rng)
    {
        var nodes = All(root).Where(n => n.Parent is not null).ToList();
        if (nodes.Count == 0) return null;
        var target = nodes[rng.Next(nodes.Count)];
        JsonNode nested = JsonValue.Create(1);
        var depth = rng.Next(2) == 0 ? rng.Next(2, 40) : rng.Next(60, 250);
        for (var i = 0; i < depth; i++)
            nested = rng.Next(2) == 0 ? new JsonArray(nested) : new JsonObject { ["k"] = nested };
        return Replace(target, nested) ? root : null;
    }

    private static JsonNode? DuplicateItem(JsonNode root, Random rng)
    {
        var arrays = All(root).OfType<JsonArray>().Where(a => a.Count > 0).ToList();
        if (arrays.Count == 0) return null;
        var array = arrays[rng.Next(arrays.Count)];
        var item = array[rng.Next(array.Count)];
        var copies = rng.Next(3) == 0 ? rng.Next(50, 400) : 1;
        for (var i = 0; i < copies; i++) array.Add(item?.DeepClone());
        return root;
    }

    private static JsonNode? DropProperty(JsonNode root, Random rng)
    {
        var objects = All(root).OfType<JsonObject>().Where(o => o.Count > 0).ToList();
        if (objects.Count == 0) return null;
        var o = objects[rng.Next(objects.Count)];
        o.Remove(o.ElementAt(rng.Next(o.Count)).Key);
        return root;
    }
}
