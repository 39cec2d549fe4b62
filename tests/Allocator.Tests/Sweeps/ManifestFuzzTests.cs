using System.Text;
using Allocator.Sweeps;
using Allocator.Tests.Cli;
using CsCheck;

namespace Allocator.Tests.Sweeps;

/// <summary>
/// Manifests nobody would write on purpose: odd paths, values of every JSON kind, odd factors. Reading and
/// expanding them never throws; every answer is either a plan or errors at manifest paths.
/// </summary>
public class ManifestFuzzTests
{
    private static readonly string[] Paths =
    [
        "$", "$.", "$..name", "$.name", "$.horizon", "$.horizon.periods", "$.donors", "$.donors[0]", "$.donors[1].tranches[0].amount",
        "$.donors[-1]", "$.donors[99999999999]", "$.donors[0", "$.donors[]", "$.lines[0].capacity", "$.lines[2].unitCost",
        "$.needs[0].quantity", "$.needs[1].dueBy", "$.exchangeRates", "$[0]", "$.lines.0", "donors", "", "$.needs[0]]x",
        "$.baseCurrency", "$.policy", "$.lines[0].leadTime",
    ];

    private static readonly string[] Values =
    [
        "0", "-1", "1", "2.5", "1e300", "-0", "1000000", "null", "true", "\"x\"", "\"EUR\"", "[]", "[1, 2]", "{}",
        "{ \"periods\": 2 }", "\"\\ud800\"", "12345678901234567890123", "0.0000001",
    ];

    private static readonly Gen<string> Entry =
        Gen.Select(Gen.Int[0, Paths.Length - 1].Select(i => Paths[i]), Gen.Bool, Gen.Int[0, Values.Length - 1].Select(i => Values[i]).Array[0, 3], Gen.Int[0, 9], (path, factors, choices, extra) =>
                $$"""{ "path": {{System.Text.Json.JsonSerializer.Serialize(path)}}, "{{(factors ? "factors" : "values")}}": [{{string.Join(", ", choices)}}]{{(extra == 0 ? ", \"more\": 1" : "")}} }""");

    [Fact]
    public void RandomManifests_NeverThrow_ErrorsAreAtManifestPaths()
    {
        using var dir = new TempDirectory();
        SweepFixtures.Write(dir.Path, "{}");
        Gen.Select(Entry.Array[0, 4], Gen.Int[0, 5]).Sample((entries, shape) =>
        {
            var baseText = shape == 0 ? "{ \"schemaVersion\": \"1\" }" : "\"teaching-two-donors.json\"";
            var manifest = shape == 1
                ? $$"""{ "base": {{baseText}}, "vary": {{(entries.Length == 0 ? "{}" : entries[0])}} }"""
                : $$"""{ "base": {{baseText}}, "vary": [{{string.Join(", ", entries)}}] }""";

            var (read, errors) = ManifestReader.Read(Encoding.UTF8.GetBytes(manifest), dir.Path);
            if (read is not null)
            {
                var (plan, scenarioErrors) = SweepPlan.Expand(read);
                errors = scenarioErrors;
                if (plan is not null)
                {
                    Assert.Empty(errors);
                    Assert.Equal(read.ScenarioCount, plan.Scenarios.Count);
                    foreach (var scenario in plan.Scenarios) Assert.NotEmpty(plan.RequestBytes(scenario));
                    return;
                }
            }
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.True(e.Path == "$" || e.Path.StartsWith("$.", StringComparison.Ordinal), e.ToString()));
            Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message), e.ToString()));
        }, iter: 300);
    }
}
