using System.Text.Json.Nodes;

namespace Allocator.Tests.Models;

/// <summary>A valid request in the spec's own shape, and a way to break one thing at a time.</summary>
public static class SampleJson
{
    public static readonly string[] Backends = ["glop", "pdlp", "highs", "clp"];

    public const string Valid = """
        {
          "schemaVersion": "1",
          "name": "sample",
          "baseCurrency": "USD",
          "exchangeRates": { "EUR": 1.08, "DKK": 0.145 },
          "horizon": { "periods": 12, "start": "2024-07", "unit": "month" },
          "donors": [
            {
              "id": "dk",
              "name": "Denmark",
              "tranches": [ { "amount": 1200000000, "currency": "DKK", "availableFrom": 0, "expiresAfter": 11 } ],
              "eligibility": { "categories": ["spg-155"], "countries": ["UA"], "producers": [], "excludedProducers": [] }
            },
            { "id": "de", "tranches": [ { "amount": 50000000, "currency": "EUR" } ] }
          ],
          "lines": [
            {
              "id": "bohdana-1", "producer": "producer-a", "country": "UA", "category": "spg-155",
              "product": "155 mm self-propelled gun", "unitCost": 2800000, "currency": "USD", "leadTime": 2, "capacity": 6
            },
            {
              "id": "fpv-1", "producer": "producer-b", "country": "UA", "category": "fpv", "unitCost": 400, "currency": "EUR",
              "leadTime": 0, "capacity": [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]
            }
          ],
          "needs": [
            { "id": "spg-brigades", "category": "spg-155", "quantity": 36, "priority": 10, "dueBy": 5, "lateDecay": 0.2 },
            { "id": "fpv-east", "category": "fpv", "quantity": 5000, "priority": 4, "dueBy": 2 }
          ],
          "policy": { "maxProducerShare": 0.6 },
          "solver": { "backend": "glop", "timeLimitSeconds": 60 }
        }
        """;

    /// <summary>The sample with <paramref name="change"/> applied to its JSON tree.</summary>
    public static string With(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    public static JsonObject Tranche(JsonObject root, int donor = 0, int tranche = 0) =>
        root["donors"]![donor]!["tranches"]![tranche]!.AsObject();

    public static JsonObject Line(JsonObject root, int line = 0) => root["lines"]![line]!.AsObject();

    public static JsonObject Need(JsonObject root, int need = 0) => root["needs"]![need]!.AsObject();
}
