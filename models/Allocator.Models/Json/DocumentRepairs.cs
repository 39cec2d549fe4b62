using System.Text.Json;
using System.Text.Json.Nodes;

namespace Allocator.Models;

/// <summary>
/// Edits that turn a request document with shape errors into one the deserialiser reads: unknown properties
/// deleted, each missing or unreadable value replaced by a placeholder. <see cref="Unreadable"/> keeps the path of
/// every placeholder, so that no rule is checked against a value the planner did not write.
/// </summary>
internal sealed class DocumentRepairs
{
    private readonly Dictionary<string, JsonNode?> _replace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Name, JsonNode Value)>> _add = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    /// <summary>Paths of the values that could not be read (now placeholders).</summary>
    public IReadOnlySet<string> Unreadable => _unreadable;

    /// <summary>Deletes the property at <paramref name="path"/> (an unknown property: nothing depends on it).</summary>
    public void Delete(string path) => _replace[path] = null;

    /// <summary>Puts <paramref name="placeholder"/> in place of the unreadable value at <paramref name="path"/>.</summary>
    public void Replace(string path, JsonNode placeholder)
    {
        _replace[path] = placeholder;
        _unreadable.Add(path);
    }

    /// <summary>Adds a missing required property to the object at <paramref name="parent"/>.</summary>
    public void Add(string parent, string name, JsonNode placeholder)
    {
        if (!_add.TryGetValue(parent, out var list)) _add[parent] = list = [];
        list.Add((name, placeholder));
        _unreadable.Add(JsonPath.Property(parent, name));
    }

    /// <summary>A copy of <paramref name="root"/> with the repairs made.</summary>
    public JsonNode Apply(JsonElement root) => Copy(root, JsonPath.Root)!;

    private JsonNode? Copy(JsonElement e, string path)
    {
        if (_replace.TryGetValue(path, out var replacement)) return replacement?.DeepClone();
        return e.ValueKind switch
        {
            JsonValueKind.Object => CopyObject(e, path),
            JsonValueKind.Array => new JsonArray(e.EnumerateArray().Select((x, i) => Copy(x, JsonPath.Index(path, i))).ToArray()),
            _ => JsonValue.Create(e),
        };
    }

    private JsonObject CopyObject(JsonElement e, string path)
    {
        // JsonNode keeps the last of repeated keys; copying by hand keeps the first, as the shape walk did.
        var o = new JsonObject();
        foreach (var p in e.EnumerateObject())
        {
            var at = JsonPath.Property(path, p.Name);
            if (o.ContainsKey(p.Name) || (_replace.TryGetValue(at, out var r) && r is null)) continue;
            o[p.Name] = Copy(p.Value, at);
        }
        if (_add.TryGetValue(path, out var missing))
            foreach (var (name, value) in missing)
                o[name] = value.DeepClone();
        return o;
    }
}
