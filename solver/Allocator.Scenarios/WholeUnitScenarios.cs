using System.Text.Json;
using System.Text.Json.Nodes;
using Allocator.Models;

namespace Allocator.Scenarios;

/// <summary>
/// Contract 1.1 in generated scenarios (opt-in: <c>allocator generate --whole-units</c>): each line gets the lot its
/// category is sold in (guns, vehicles and long-range drones by the unit, shells, rounds and small drones in lots),
/// and about one line in four a minimum order of two to five lots. Applied after the scenario is drawn, with a
/// random generator of its own, so that a scenario without it stays byte-identical (docs/generator.md).
/// </summary>
public static class WholeUnitScenarios
{
    /// <summary>
    /// Units per lot by category: illustrative sizes (a pallet or container of rounds, a batch of small drones), not
    /// sourced figures; units that are signed for one by one have lots of 1.
    /// </summary>
    private static readonly Dictionary<string, double> LotSizes = new(StringComparer.Ordinal)
    {
        ["spg-155"] = 1, ["fpv-drone"] = 100, ["uav-long-range"] = 1, ["uav-interceptor"] = 50, ["uav-bomber"] = 10,
        ["sea-drone"] = 1, ["shell-155"] = 500, ["mortar-120"] = 1000, ["mortar-82"] = 1000, ["armoured-vehicle"] = 1,
        ["ugv"] = 5, ["ew-portable"] = 10, ["sam-interceptor"] = 1,
    };

    /// <summary>Chance that a line has a minimum order.</summary>
    private const double MinimumOrderChance = 0.25;

    /// <summary><paramref name="request"/> with lot sizes and minimum orders on its lines (every other member unchanged).</summary>
    public static AllocationRequest Apply(AllocationRequest request, int seed)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rng = new Random(unchecked(seed * 7919 + 12));
        var json = JsonNode.Parse(AllocatorJson.Serialize(request))!;
        foreach (var line in json["lines"]!.AsArray())
        {
            var lot = LotSizes.GetValueOrDefault(line!["category"]!.GetValue<string>(), 1);
            line["lotSize"] = lot;
            if (rng.NextDouble() < MinimumOrderChance)
                line["minimumOrder"] = lot * rng.Next(2, 6);
        }
        return JsonSerializer.Deserialize(json.ToJsonString(), AllocatorJson.Context.AllocationRequest)!;
    }
}
