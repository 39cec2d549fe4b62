using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Sweeps;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Sweeps;

/// <summary>The Cartesian product and the scenario ids, against requests built by hand in the test.</summary>
public class SweepPlanTests
{
    /// <summary>Scenario <paramref name="open"/>/<paramref name="capacity"/> of <see cref="SweepFixtures.SixScenarios"/>, edited by hand.</summary>
    private static string HandMade(string folder, long openAmount, int capacity)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "teaching-two-donors.json")))!;
        root["donors"]![1]!["tranches"]![0]!["amount"] = openAmount;
        root["lines"]![0]!["capacity"] = capacity;
        return root.ToJsonString();
    }

    /// <summary>The spec's id computed here from the project's canonical writer, independently of the sweep code.</summary>
    private static string IdOf(string requestJson)
    {
        var read = RequestReader.Read(requestJson);
        Assert.Empty(read.Errors);
        var canonical = Encoding.UTF8.GetBytes(RequestReader.Write(read.Request!));
        return Convert.ToHexStringLower(SHA256.HashData(canonical))[..16];
    }

    [Fact]
    public void Product_InManifestOrder_LastEntryFastest_IdsAsTheSpecSays()
    {
        using var dir = new TempDirectory();
        var plan = SweepFixtures.Plan(dir.Path, SweepFixtures.SixScenarios);

        // The open donor has 3,000,000: factors 0.5, 1, 2; the capacity values 1, 3.
        (long Open, int Capacity)[] expected = [(1_500_000, 1), (1_500_000, 3), (3_000_000, 1), (3_000_000, 3), (6_000_000, 1), (6_000_000, 3)];
        Assert.Equal(expected.Length, plan.Scenarios.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var scenario = plan.Scenarios[i];
            Assert.Equal(i, scenario.Index);
            Assert.Equal([expected[i].Open.ToString(), expected[i].Capacity.ToString()], scenario.Cells.Select(c => c!.ToJsonString()).ToArray());
            Assert.Equal(IdOf(HandMade(dir.Path, expected[i].Open, expected[i].Capacity)), scenario.Id);
            Assert.Equal(Encoding.UTF8.GetBytes(RequestReader.Write(RequestReader.Read(HandMade(dir.Path, expected[i].Open, expected[i].Capacity)).Request!)), plan.RequestBytes(scenario));
        }
    }

    [Fact]
    public void Ids_Stable_AcrossRuns_AndAcrossSpellingsOfTheSameBase()
    {
        using var dir = new TempDirectory();
        var first = SweepFixtures.Plan(dir.Path, SweepFixtures.SixScenarios).Scenarios.Select(s => s.Id).ToList();
        var again = SweepFixtures.Plan(dir.Path, SweepFixtures.SixScenarios).Scenarios.Select(s => s.Id).ToList();
        // The same request spelt differently: keys reversed, no spaces, 2000000 as 2.0E6.
        var reordered = Reverse(JsonNode.Parse(File.ReadAllText(dir.File("teaching-two-donors.json")))!);
        var respelt = reordered.ToJsonString().Replace("2000000", "2.0E6", StringComparison.Ordinal);
        Assert.Contains("2.0E6", respelt);
        File.WriteAllText(dir.File("respelt.json"), respelt);
        var respeltIds = SweepFixtures.Plan(dir.Path, SweepFixtures.SixScenarios.Replace("teaching-two-donors.json", "respelt.json", StringComparison.Ordinal))
            .Scenarios.Select(s => s.Id).ToList();

        Assert.Equal(first, again);
        Assert.Equal(first, respeltIds);
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.All(first, id => Assert.Matches("^[0-9a-f]{16}$", id));
    }

    [Fact]
    public void Id_IsTheStartOfTheResultsInputSha256()
    {
        using var dir = new TempDirectory();
        var plan = SweepFixtures.Plan(dir.Path, SweepFixtures.SixScenarios);
        var scenario = plan.Scenarios[4];

        var outcome = AllocationEngine.Solve(plan.RequestBytes(scenario), new SolveOptions { Explain = ExplainLevel.None });

        Assert.StartsWith(scenario.Id, outcome.Result!.Diagnostics.InputSha256);
    }

    [Fact]
    public void Factors_MultiplyInDecimal_WholeProductsStayIntegers()
    {
        using var dir = new TempDirectory();
        var plan = SweepFixtures.Plan(dir.Path, """
            {
              "base": "ukraine-2024.json",
              "vary": [
                { "path": "$.donors[0].tranches[0].amount", "factors": [0.8, 1.1] },
                { "path": "$.exchangeRates.DKK", "factors": [0.9] }
              ]
            }
            """);

        // 1,200,000,000 DKK × 0.8 and × 1.1 in doubles are 960000000.0000001 and 1320000000.0000002.
        Assert.Equal(["960000000", "1320000000"], plan.Scenarios.Select(s => s.Cells[0]!.ToJsonString()).ToArray());
        Assert.Equal("0.12069", plan.Scenarios[0].Cells[1]!.ToJsonString()); // 0.1341 × 0.9
    }

    [Fact]
    public void NoVaryEntries_IsOneScenario_TheBase()
    {
        using var dir = new TempDirectory();
        var plan = SweepFixtures.Plan(dir.Path, """{ "base": "teaching-two-donors.json", "vary": [] }""");

        var scenario = Assert.Single(plan.Scenarios);
        Assert.Equal(IdOf(File.ReadAllText(dir.File("teaching-two-donors.json"))), scenario.Id);
    }

    private static JsonNode Reverse(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Reverse(p.Value)))),
        JsonArray a => new JsonArray(a.Select(x => x is null ? null : Reverse(x)).ToArray()),
        _ => node.DeepClone(),
    };
}
