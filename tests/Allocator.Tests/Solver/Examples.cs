using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>The bundled examples (copied to the test output under <c>examples/</c>).</summary>
internal static class Examples
{
    public const string TwoDonors = "teaching-two-donors.json";
    public const string LateDelivery = "teaching-late-delivery.json";
    public const string Ukraine2024 = "ukraine-2024.json";

    public static string[] All { get; } = [TwoDonors, LateDelivery, Ukraine2024];

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    public static string Json(string name) => File.ReadAllText(PathOf(name));

    public static AllocationRequest Request(string name) => TestRequests.Parse(Json(name));

    /// <summary>The example with one change applied to its JSON (for the README's "what changes" variants).</summary>
    public static AllocationRequest Request(string name, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Json(name))!.AsObject();
        change(root);
        return TestRequests.Parse(root.ToJsonString());
    }
}
