using System.Text.Json.Nodes;

namespace Allocator.Sweeps;

/// <summary>One scenario of a sweep: its place in the Cartesian product, its id, and what it varied.</summary>
/// <param name="Index">Position in the product, 0-based, in manifest order (the last entry varies fastest).</param>
/// <param name="Id">16 hex digits naming its result file (<see cref="ScenarioId"/>).</param>
/// <param name="Choices">For each <c>vary</c> entry, which of its values or factors this scenario took.</param>
/// <param name="Cells">For each <c>vary</c> entry, the value at its path in this scenario's request (the table's columns).</param>
public sealed record Scenario(int Index, string Id, IReadOnlyList<int> Choices, IReadOnlyList<JsonNode?> Cells);
