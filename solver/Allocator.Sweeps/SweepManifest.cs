using System.Text.Json.Nodes;

namespace Allocator.Sweeps;

/// <summary>A read and checked sweep manifest: the base request and the entries that vary it.</summary>
public sealed class SweepManifest
{
    internal SweepManifest(JsonNode baseRequest, IReadOnlyList<VaryEntry> vary, JsonNode document)
    {
        BaseRequest = baseRequest;
        Vary = vary;
        Document = document;
    }

    /// <summary>The base request (read from the file <c>base</c> names, or given inline), a valid request.</summary>
    public JsonNode BaseRequest { get; }

    /// <summary>The <c>vary</c> entries in manifest order (the last varies fastest).</summary>
    public IReadOnlyList<VaryEntry> Vary { get; }

    /// <summary>The manifest with its base inlined: what the output folder's <c>sweep.json</c> keeps, so gather needs no other file.</summary>
    public JsonNode Document { get; }

    /// <summary>The number of scenarios: the product of the entries' choice counts (1 with no entries).</summary>
    public long ScenarioCount => Vary.Aggregate(1L, (product, entry) => product * entry.Count);
}
