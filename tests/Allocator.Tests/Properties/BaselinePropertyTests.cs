using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using CsCheck;

namespace Allocator.Tests.Properties;

/// <summary>
/// The optimiser's value is at least the baseline's (<c>explanations.baseline</c>, a simple rule-based plan that
/// another change adds to the result). Until the result type has <c>Explanations</c>, the property is skipped
/// (it reads the JSON, so it starts running, unchanged, as soon as the field exists).
/// </summary>
public class BaselinePropertyTests
{
    [BaselineFact]
    public void Solve_GeneratedRequest_ValueAtLeastBaseline()
    {
        RequestGen.Request.Sample(request =>
        {
            var result = JsonNode.Parse(AllocatorJson.Serialize(AllocationEngine.Solve(request)))!;
            var baseline = result["explanations"]?["baseline"];
            Assert.True(baseline is not null, "the result has no explanations.baseline");
            var baselineValue = (baseline["value"] ?? baseline["summary"]?["value"])!.GetValue<double>();
            var value = result["summary"]!["value"]!.GetValue<double>();
            Assert.True(value >= baselineValue - 1e-7 * Math.Max(1, baselineValue), $"value {value:R} < baseline {baselineValue:R}");
        }, seed: RequestGen.Seed(30), iter: RequestGen.Iterations(1000), print: RequestGen.Print);
    }
}

/// <summary>Skipped, saying why, while <see cref="AllocationResult"/> has no <c>Explanations</c> property.</summary>
public sealed class BaselineFactAttribute : FactAttribute
{
    public BaselineFactAttribute()
    {
        if (typeof(AllocationResult).GetProperty("Explanations") is null)
            Skip = "explanations.baseline is not in this build's result yet (another change adds it); the property runs once it is";
    }
}
