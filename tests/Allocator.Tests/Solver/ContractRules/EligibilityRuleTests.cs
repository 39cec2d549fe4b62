using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Solver.ContractRules;

/// <summary>Earmarks: which lines a donor's money may fund.</summary>
public class EligibilityRuleTests
{
    // P = 1, 100 USD earmarked for category "a". Line la (a, 10 USD, 3 units) and lb (b, 10 USD, 10 units);
    // the b need is worth more a unit (2 against 1), but the money may not buy b. So: 3 units of a.
    // V = 3, C = 30; lb gets nothing.
    [Fact]
    public void Solve_CategoryEarmark_FundsOnlyThatCategory()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "USD" } ], "eligibility": { "categories": ["a"] } } ],
              "lines": [
                { "id": "la", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 3 },
                { "id": "lb", "producer": "p2", "country": "UA", "category": "b", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 }
              ],
              "needs": [
                { "id": "na", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 },
                { "id": "nb", "category": "b", "quantity": 10, "priority": 20, "dueBy": 0 }
              ]
            }
            """, value: 3, committed: 30);

        Near(30, Funding(result, "la"), "la funding");
        Near(0, Funding(result, "lb"), "lb funding");
        Near(0, Need(result, "nb").DeliveredUnits, "nb delivered");
    }

    // P = 1, 100 USD for Ukrainian producers only. Line ua (UA, 20 USD) and pl (PL, 10 USD), 10 units each;
    // 10 units wanted at 1 each. Only ua may be bought: 100 / 20 = 5 units. V = 5, C = 100 (without the
    // earmark: 10 units from pl for the same money).
    [Fact]
    public void Solve_CountryEarmark_FundsOnlyThatCountry()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "USD" } ], "eligibility": { "countries": ["UA"] } } ],
              "lines": [
                { "id": "ua", "producer": "p1", "country": "UA", "category": "a", "unitCost": 20, "currency": "USD", "leadTime": 0, "capacity": 10 },
                { "id": "pl", "producer": "p2", "country": "PL", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 }
              ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 } ]
            }
            """, value: 5, committed: 100);

        Near(5, FundedUnits(result, "ua"), "ua units");
        Near(0, Funding(result, "pl"), "pl funding");
    }

    // The three producer rules share one market: l1 (producer p1, 10 USD) and l2 (p2, 20 USD), 10 units each,
    // one need of 10 units at 1 each, 100 USD. Each earmark below leaves only l2: 100 / 20 = 5 units.
    // V = 5, C = 100, l1 gets nothing. (Unrestricted, l1 would give 10 units.)
    //  - producers ["p2"]: only p2 is listed;
    //  - excludedProducers ["p1"]: p1 is never eligible;
    //  - producers ["p1", "p2"] with excludedProducers ["p1"]: the exclusion wins over the list.
    [Theory]
    [InlineData("""{ "producers": ["p2"] }""")]
    [InlineData("""{ "excludedProducers": ["p1"] }""")]
    [InlineData("""{ "producers": ["p1", "p2"], "excludedProducers": ["p1"] }""")]
    public void Solve_ProducerEarmark_FundsOnlyEligibleProducer(string eligibility)
    {
        var result = Solve($$"""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "USD" } ], "eligibility": {{eligibility}} } ],
              "lines": [
                { "id": "l1", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 },
                { "id": "l2", "producer": "p2", "country": "UA", "category": "a", "unitCost": 20, "currency": "USD", "leadTime": 0, "capacity": 10 }
              ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 } ]
            }
            """, value: 5, committed: 100);

        Near(0, Funding(result, "l1"), "l1 funding");
        Near(5, FundedUnits(result, "l2"), "l2 units");
    }

    // Three donors of 50 USD each: one with every list present but empty, one with an empty eligibility object,
    // one with no eligibility at all. None is restricted, so all may buy the one line (PL, p1, 10 USD, 15 units).
    // 15 units wanted at 1 each: all 150 USD are needed. V = 15, C = 150, every donor commits its 50.
    [Fact]
    public void Solve_EmptyOrAbsentEarmarkLists_RestrictNothing()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [
                { "id": "empty-lists", "tranches": [ { "amount": 50, "currency": "USD" } ],
                  "eligibility": { "categories": [], "countries": [], "producers": [], "excludedProducers": [] } },
                { "id": "empty-object", "tranches": [ { "amount": 50, "currency": "USD" } ], "eligibility": {} },
                { "id": "absent", "tranches": [ { "amount": 50, "currency": "USD" } ] }
              ],
              "lines": [ { "id": "l", "producer": "p1", "country": "PL", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 15 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 15, "priority": 15, "dueBy": 0 } ]
            }
            """, value: 15, committed: 150);

        Near(50, Donor(result, "empty-lists").Committed, "empty-lists committed");
        Near(50, Donor(result, "empty-object").Committed, "empty-object committed");
        Near(50, Donor(result, "absent").Committed, "absent committed");
    }
}
