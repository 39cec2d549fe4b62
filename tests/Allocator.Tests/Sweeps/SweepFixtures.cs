using System.Text.Json.Nodes;
using Allocator.Sweeps;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Sweeps;

/// <summary>Small manifests over the teaching examples, written into a test's folder.</summary>
internal static class SweepFixtures
{
    /// <summary>3 × 2 = 6 scenarios of the two-donor example: the open donor's money and the UA line's capacity.</summary>
    public const string SixScenarios = """
        {
          "base": "teaching-two-donors.json",
          "vary": [
            { "path": "$.donors[1].tranches[0].amount", "factors": [0.5, 1, 2] },
            { "path": "$.lines[0].capacity", "values": [1, 3] }
          ]
        }
        """;

    /// <summary>Writes <paramref name="manifest"/> as <c>manifest.json</c> beside a copy of the teaching examples; returns its path.</summary>
    public static string Write(string folder, string manifest)
    {
        foreach (var name in Examples.All)
            File.Copy(Examples.PathOf(name), Path.Combine(folder, name), overwrite: true);
        var path = Path.Combine(folder, "manifest.json");
        File.WriteAllText(path, manifest);
        return path;
    }

    /// <summary>The checked plan of a manifest text, failing the test on any error.</summary>
    public static SweepPlan Plan(string folder, string manifest)
    {
        var (read, errors) = ManifestReader.ReadFile(Write(folder, manifest));
        Assert.True(read is not null, string.Join("\n", errors));
        var (plan, scenarioErrors) = SweepPlan.Expand(read!);
        Assert.True(plan is not null, string.Join("\n", scenarioErrors));
        return plan!;
    }

    /// <summary>A manifest of <paramref name="count"/> scenarios of the 2024 example (distinct pledges), for runs long enough to kill.</summary>
    public static string Ukraine(int count) => $$"""
        {
          "base": "ukraine-2024.json",
          "vary": [
            { "path": "$.donors[0].tranches[0].amount", "factors": [{{string.Join(", ", Enumerable.Range(0, count).Select(i => (0.5 + 0.05 * i).ToString(System.Globalization.CultureInfo.InvariantCulture)))}}] }
          ]
        }
        """;

    /// <summary>A result document without its diagnostics (timings differ between runs of the same request).</summary>
    public static string WithoutDiagnostics(string resultJson)
    {
        var root = JsonNode.Parse(resultJson)!.AsObject();
        root.Remove("diagnostics");
        return root.ToJsonString();
    }
}
