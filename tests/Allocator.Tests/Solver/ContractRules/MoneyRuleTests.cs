using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Solver.ContractRules;

/// <summary>Money: conversion to the base currency and the second objective (least money at best value).</summary>
public class MoneyRuleTests
{
    // Base EUR; 1 DKK = 0.125 EUR, 1 USD = 0.8 EUR. The tranche is 800 DKK = 100 EUR; the line costs 25 USD =
    // 20 EUR a unit (10 units possible, 10 wanted at 1 each). 100 / 20 = 5 units: V = 5, C = 100 EUR, all
    // reported in EUR.
    [Fact]
    public void Solve_TrancheAndLineInOtherCurrencies_ConvertsToBase()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "EUR", "exchangeRates": { "DKK": 0.125, "USD": 0.8 }, "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 800, "currency": "DKK" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 25, "currency": "USD", "leadTime": 0, "capacity": 10 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 } ]
            }
            """, value: 5, committed: 100);

        Assert.Equal("EUR", result.BaseCurrency);
        Near(100, result.Summary.Available, "available");
        var row = Assert.Single(result.Allocations);
        Near(100, row.Amount, "allocation amount");
        Near(5, row.Units, "allocation units");
    }

    // Base EUR with the base rate omitted or given as 1 (same meaning). 100 EUR; the line costs 10 USD at 0.5 =
    // 5 EUR, 10 units; 30 wanted at 1 each. Capacity binds: 10 units, V = 10, C = 50.
    [Theory]
    [InlineData("""{ "USD": 0.5 }""")]
    [InlineData("""{ "EUR": 1, "USD": 0.5 }""")]
    public void Solve_BaseCurrencyRateOmittedOrOne_SamePlan(string rates)
    {
        var result = Solve($$"""
            {
              "schemaVersion": "1", "baseCurrency": "EUR", "exchangeRates": {{rates}}, "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "EUR" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 30, "priority": 30, "dueBy": 0 } ]
            }
            """, value: 10, committed: 50);

        Near(10, FundedUnits(result, "l"), "units");
    }

    // P = 1, 1000 USD, 5 units wanted at 1 each. Lines "cheap" (10 USD) and "dear" (20 USD) both have 5 units,
    // so 5 units from either give the same V = 5. Among equally valuable plans the contract wants the least
    // money: all 5 from cheap, C = 50, dear gets nothing.
    [Fact]
    public void Solve_TwoPlansOfEqualValue_ChoosesTheCheaper()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [
                { "id": "dear", "producer": "p2", "country": "UA", "category": "a", "unitCost": 20, "currency": "USD", "leadTime": 0, "capacity": 5 },
                { "id": "cheap", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 5 }
              ],
              "needs": [ { "id": "n", "category": "a", "quantity": 5, "priority": 5, "dueBy": 0 } ]
            }
            """, value: 5, committed: 50);

        Near(50, Funding(result, "cheap"), "cheap funding");
        Near(0, Funding(result, "dear"), "dear funding");
    }
}
