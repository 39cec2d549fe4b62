using System.Globalization;
using System.Text.Json.Nodes;

namespace Allocator.Sweeps;

/// <summary>
/// One <c>vary</c> entry of a manifest: a path of the base request and the choices for it, either
/// <c>values</c> that replace what is there or <c>factors</c> that multiply the number there.
/// </summary>
public sealed class VaryEntry
{
    internal VaryEntry(int position, VaryPath path, IReadOnlyList<JsonNode?>? values, IReadOnlyList<decimal>? factors)
    {
        Position = position;
        Path = path;
        Values = values;
        Factors = factors;
    }

    /// <summary>Where the entry is in the manifest's <c>vary</c> array.</summary>
    public int Position { get; }

    /// <summary>The path of the base request this entry varies.</summary>
    public VaryPath Path { get; }

    /// <summary>Replacement values, or null when the entry has <see cref="Factors"/>.</summary>
    public IReadOnlyList<JsonNode?>? Values { get; }

    /// <summary>Multipliers, or null when the entry has <see cref="Values"/>.</summary>
    public IReadOnlyList<decimal>? Factors { get; }

    /// <summary>How many choices the entry has.</summary>
    public int Count => Values?.Count ?? Factors!.Count;

    /// <summary>The manifest's JSON path of choice <paramref name="choice"/>, e.g. <c>$.vary[1].factors[2]</c>.</summary>
    public string ChoicePath(int choice) => $"$.vary[{Position}].{(Values is null ? "factors" : "values")}[{choice}]";

    /// <summary>Choice <paramref name="choice"/> in words, for error messages: <c>factor 0.8</c> or <c>value 0.13</c>.</summary>
    public string Describe(int choice) => Values is null
        ? $"factor {Factors![choice].ToString(CultureInfo.InvariantCulture)}"
        : $"value {Values[choice]?.ToJsonString() ?? "null"}";

    /// <summary>Applies choice <paramref name="choice"/> to <paramref name="root"/> (changed in place) and returns the root.</summary>
    public JsonNode? Apply(JsonNode root, int choice)
    {
        // A null value at "$" replaces the whole request with null: SweepPlan reports that scenario.
        if (Values is not null) return Path.Replace(root, Values[choice]?.DeepClone()!);
        var (node, problem) = Path.Find(root);
        if (problem is not null) throw new InvalidOperationException(problem);
        return Path.Replace(root, ScaledNumber.Multiply(node!, Factors![choice]));
    }
}
