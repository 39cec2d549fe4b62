using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>Tiny hand-computable requests, written as contract JSON so they read like the spec.</summary>
public static class TestRequests
{
    /// <summary>Reads <paramref name="json"/> and fails the test unless it is a valid request.</summary>
    public static AllocationRequest Parse(string json)
    {
        var outcome = RequestReader.Read(json);
        Assert.True(outcome.Errors.Count == 0, string.Join("\n", outcome.Errors));
        var errors = RequestValidator.Validate(outcome.Request!, ["glop", "pdlp", "highs", "clp"]);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return outcome.Request!;
    }

    /// <summary>
    /// Capacity binds before the budget: 4 units a period for 2 periods at 10 USD, 100 USD, need of 10 worth 1 a
    /// unit. V* = 8, C* = 80.
    /// </summary>
    public const string CapacityBinds = """
        {
          "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 2 },
          "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "USD" } ] } ],
          "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 4 } ],
          "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 1 } ]
        }
        """;

    /// <summary>
    /// Late decay and the second objective: 2 units a period over 3 periods at 10 EUR = 12.5 USD, due in period 0,
    /// half the value lost per period late. Period 2 deliveries are worth nothing, so they must not be bought:
    /// V* = 2*1 + 2*0.5 = 3, C* = 4 * 12.5 = 50.
    /// </summary>
    public const string LateDecay = """
        {
          "schemaVersion": "1", "baseCurrency": "USD", "exchangeRates": { "EUR": 1.25 }, "horizon": { "periods": 3 },
          "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "EUR" } ] } ],
          "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "EUR", "leadTime": 0, "capacity": 2 } ],
          "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0, "lateDecay": 0.5 } ]
        }
        """;

    /// <summary>
    /// Producer share 0.5 with a cheap (10) and a dear (20) line of 10 units each, 300 to spend, 20 units wanted at
    /// 1 a unit: both producers get the same money m &lt;= 100, so V* = 100/10 + 100/20 = 15, C* = 200.
    /// </summary>
    public const string ProducerShare = """
        {
          "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
          "donors": [ { "id": "d", "tranches": [ { "amount": 300, "currency": "USD" } ] } ],
          "lines": [
            { "id": "cheap", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 },
            { "id": "dear", "producer": "p2", "country": "PL", "category": "a", "unitCost": 20, "currency": "USD", "leadTime": 0, "capacity": 10 }
          ],
          "needs": [ { "id": "n", "category": "a", "quantity": 20, "priority": 20, "dueBy": 0 } ],
          "policy": { "maxProducerShare": 0.5 }
        }
        """;

    /// <summary>
    /// Earmarks, windows and lead time: d1 excludes p1, so it can only buy the dear line (20); d2 has 30 only in
    /// period 0 and may buy the cheap line (10, lead time 1). 6 units wanted, never late-discounted: V* = 6, and the
    /// cheapest way is 3 cheap units (30) + 3 dear units (60), C* = 90.
    /// </summary>
    public const string EarmarksAndWindows = """
        {
          "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 },
          "donors": [
            { "id": "d1", "tranches": [ { "amount": 1000, "currency": "USD" } ], "eligibility": { "excludedProducers": ["p1"] } },
            { "id": "d2", "tranches": [ { "amount": 30, "currency": "USD", "availableFrom": 0, "expiresAfter": 0 } ] }
          ],
          "lines": [
            { "id": "cheap", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 1, "capacity": 5 },
            { "id": "dear", "producer": "p2", "country": "UA", "category": "a", "unitCost": 20, "currency": "USD", "leadTime": 0, "capacity": [5, 5, 5] }
          ],
          "needs": [ { "id": "n", "category": "a", "quantity": 6, "priority": 6, "dueBy": 2, "lateDecay": 0 } ]
        }
        """;
}
