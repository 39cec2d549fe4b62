using System.Text;
using Allocator.Models;
using Allocator.Workbook;

namespace Allocator.Tests.Workbook;

/// <summary>JSON to workbook to JSON gives the same request byte for byte (after canonical formatting).</summary>
public sealed class WorkbookRoundTripTests
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(WorkbookFixtures.ExamplesDirectory, "*.json").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_survives_the_trip_through_a_workbook(string file)
    {
        var canonical = WorkbookFixtures.Canonical(File.ReadAllBytes(Path.Combine(WorkbookFixtures.ExamplesDirectory, file)));
        Assert.Equal(canonical, WorkbookFixtures.RoundTrip(canonical));
    }

    [Fact]
    public void A_generated_request_survives_the_trip()
    {
        var request = Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset("M"), seed: 7);
        var canonical = RequestReader.Write(request);
        Assert.Equal(canonical, WorkbookFixtures.RoundTrip(canonical));
    }

    /// <summary>What the examples do not have: every optional member, empty lists, awkward text and numbers.</summary>
    [Fact]
    public void Every_optional_member_and_awkward_value_survives_the_trip()
    {
        const string json = """
            {
              "schemaVersion": "1",
              "name": "  Leading spaces, quotes \" and ' and a line\nbreak, Ünïcode, =SUM(A1) ",
              "baseCurrency": "EUR",
              "exchangeRates": { "USD": 0.9240000000000001, "JPY": 6.1e-3, "EUR": 1 },
              "horizon": { "periods": 3 },
              "donors": [
                { "id": "007", "tranches": [ { "amount": 1e-7, "currency": "USD" }, { "amount": 12345678901234.5, "currency": "EUR", "availableFrom": 1, "expiresAfter": 2 } ],
                  "eligibility": { "categories": [], "countries": ["UA", "PL"], "excludedProducers": ["p;2", ""] } },
                { "id": "TRUE", "name": "", "tranches": [ { "amount": 5, "currency": "JPY" } ], "eligibility": {} },
                { "id": "(none)x", "tranches": [ { "amount": 5, "currency": "EUR" } ], "eligibility": { "producers": ["p1"] } }
              ],
              "lines": [
                { "id": "1", "producer": "p1", "country": "UA", "category": "c", "unitCost": 0.1, "currency": "EUR", "leadTime": 0, "capacity": [0, 1.5, 2] },
                { "id": "l2", "producer": "p;2", "country": "PL", "category": "c", "product": "Ünïcode", "unitCost": 3, "currency": "USD", "leadTime": 2, "capacity": 4 }
              ],
              "needs": [
                { "id": "n1", "category": "c", "quantity": 1, "priority": 2, "dueBy": 0, "lateDecay": 0, "tier": 1 },
                { "id": "n2", "category": "c", "quantity": 3.25, "priority": 1e-3, "dueBy": 2 }
              ],
              "policy": { "maxProducerShare": 0.35 },
              "solver": { "backend": "glop", "timeLimitSeconds": 2.5 }
            }
            """;
        var canonical = WorkbookFixtures.Canonical(Encoding.UTF8.GetBytes(json));
        Assert.Equal(canonical, WorkbookFixtures.RoundTrip(canonical));
    }

    [Fact]
    public void Empty_exchange_rates_stay_present_and_empty()
    {
        var json = WorkbookFixtures.Example("teaching-two-donors.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node["exchangeRates"] = new System.Text.Json.Nodes.JsonObject();
        var canonical = WorkbookFixtures.Canonical(Encoding.UTF8.GetBytes(node.ToJsonString()));
        Assert.Contains("\"exchangeRates\": {}", canonical);
        Assert.Equal(canonical, WorkbookFixtures.RoundTrip(canonical));
    }

    [Fact]
    public void The_same_request_gives_the_same_workbook_bytes()
    {
        var request = RequestReader.Read(WorkbookFixtures.Example("ukraine-2024.json")).Request!;
        Assert.Equal(RequestWorkbook.Write(request), RequestWorkbook.Write(request));
    }
}
