using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Allocator.Sweeps;

/// <summary>
/// A path into the base request in the manifest's small JSON-path dialect: <c>$</c>, then any number of
/// <c>.name</c> and <c>[index]</c> steps (section 5 of the contract v1.1), e.g. <c>$.donors[0].tranches[1].amount</c>.
/// </summary>
public sealed class VaryPath
{
    private readonly IReadOnlyList<object> _steps; // string (a property) or int (an array index)

    private VaryPath(string text, IReadOnlyList<object> steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The path as the manifest wrote it (also the table's column header).</summary>
    public string Text { get; }

    /// <summary>Parses a path, or says in one sentence what is wrong with it.</summary>
    public static (VaryPath? Path, string? Problem) Parse(string text)
    {
        const string Form = "write it as $ followed by .name and [index] steps, such as $.donors[0].tranches[0].amount";
        if (!text.StartsWith('$')) return (null, $"'{text}' does not start with $ ({Form})");
        var steps = new List<object>();
        var at = 1;
        while (at < text.Length)
        {
            if (text[at] == '.')
            {
                var end = at + 1;
                while (end < text.Length && text[end] is not ('.' or '[')) end++;
                if (end == at + 1) return (null, $"'{text}' has an empty name at character {at + 1} ({Form})");
                var name = text[(at + 1)..end];
                if (name.Contains(']')) return (null, $"'{text}' has a stray ] in the name '{name}' ({Form})");
                steps.Add(name);
                at = end;
            }
            else if (text[at] == '[')
            {
                var close = text.IndexOf(']', at);
                var digits = close < 0 ? "" : text[(at + 1)..close];
                if (close < 0 || digits.Length == 0 || !digits.All(char.IsAsciiDigit)
                    || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    return (null, $"'{text}' has a bad index at character {at + 1}: an index is a whole number in brackets, such as [0] ({Form})");
                steps.Add(index);
                at = close + 1;
            }
            else
                return (null, $"'{text}' has '{text[at]}' at character {at + 1} where . or [ was expected ({Form})");
        }
        return (new VaryPath(text, steps), null);
    }

    /// <summary>The node at this path in <paramref name="root"/>, or why there is none (the last existing step, named).</summary>
    public (JsonNode? Node, string? Problem) Find(JsonNode root)
    {
        var node = root;
        var walked = new StringBuilder("$");
        foreach (var step in _steps)
        {
            switch (step)
            {
                case string name when node is JsonObject o:
                    if (!o.TryGetPropertyValue(name, out var child))
                        return (null, $"{walked} has no property '{name}'");
                    if (child is null)
                        return (null, $"{walked}.{name} is null, which cannot be varied");
                    node = child;
                    walked.Append('.').Append(name);
                    break;
                case int index when node is JsonArray a:
                    if (index >= a.Count)
                        return (null, $"{walked} has {a.Count} element{(a.Count == 1 ? "" : "s")}, so [{index}] does not exist");
                    node = a[index]!;
                    walked.Append('[').Append(index).Append(']');
                    break;
                case string name:
                    return (null, $"{walked} is not an object, so it has no property '{name}'");
                default:
                    return (null, $"{walked} is not an array, so it has no element [{step}]");
            }
        }
        return (node, null);
    }

    /// <summary>Puts <paramref name="value"/> at this path (which must exist) and returns the new root.</summary>
    public JsonNode Replace(JsonNode root, JsonNode value)
    {
        if (_steps.Count == 0) return value;
        var (node, problem) = Find(root);
        if (problem is not null) throw new InvalidOperationException(problem);
        var parent = node!.Parent!;
        switch (_steps[^1])
        {
            case string name: parent.AsObject()[name] = value; break;
            case int index: parent.AsArray()[index] = value; break;
        }
        return root;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
