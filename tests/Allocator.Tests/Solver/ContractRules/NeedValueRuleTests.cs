using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Solver.ContractRules;

/// <summary>What a unit is worth to a need (priority / quantity), and how needs share lines.</summary>
public class NeedValueRuleTests
{
    // P = 1, one line of 10 USD a unit with 4 units, 1000 USD. Need "hi" is worth 20/10 = 2 a unit, "lo"
    // 10/10 = 1 a unit. All 4 units go to hi: V = 8, C = 40; lo gets nothing.
    [Fact]
    public void Solve_NeedsCompetingForOneLine_HigherValuePerUnitWins()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 4 } ],
              "needs": [
                { "id": "lo", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 },
                { "id": "hi", "category": "a", "quantity": 10, "priority": 20, "dueBy": 0 }
              ]
            }
            """, value: 8, committed: 40);

        Near(4, Need(result, "hi").DeliveredUnits, "hi delivered");
        Near(0, Need(result, "lo").DeliveredUnits, "lo delivered");
    }

    // P = 1, one line of 10 USD with 8 units. "big" has the higher priority (10) but wants 100 units, so a unit
    // is worth 0.1; "small" (priority 5, 5 units) is worth 1 a unit. Small is filled first (5 units, 5), the
    // remaining 3 units go to big (0.3): V = 5.3, C = 80. (Ranking by priority would give 8 × 0.1 = 0.8.)
    [Fact]
    public void Solve_LargeAndSmallNeed_ValuePerUnitIsPriorityOverQuantity()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 8 } ],
              "needs": [
                { "id": "big", "category": "a", "quantity": 100, "priority": 10, "dueBy": 0 },
                { "id": "small", "category": "a", "quantity": 5, "priority": 5, "dueBy": 0 }
              ]
            }
            """, value: 5.3, committed: 80);

        Near(5, Need(result, "small").DeliveredUnits, "small delivered");
        Near(3, Need(result, "big").DeliveredUnits, "big delivered");
        Near(0.3, Need(result, "big").Value, "big value");
    }

    // Need "orphan" (category z, priority 100) has no line of its category: nothing can serve it. Need "n"
    // (category a, 5 units at 1) is served by the only line (10 USD, 10 units); buying more than 5 units adds
    // no value, so only 5 are funded. V = 5, C = 50, maxValue = 105, orphan short by its whole quantity.
    [Fact]
    public void Solve_NeedWithoutLineOfItsCategory_GetsNothing()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 } ],
              "needs": [
                { "id": "orphan", "category": "z", "quantity": 5, "priority": 100, "dueBy": 0 },
                { "id": "n", "category": "a", "quantity": 5, "priority": 5, "dueBy": 0 }
              ]
            }
            """, value: 5, committed: 50);

        Near(105, result.Summary.MaxValue, "maxValue");
        var orphan = Need(result, "orphan");
        Near(0, orphan.DeliveredUnits, "orphan delivered");
        Near(5, orphan.ShortfallUnits, "orphan shortfall");
        Near(0, orphan.Value, "orphan value");
        Near(5, FundedUnits(result, "l"), "units funded");
    }

    // 25 USD buys 25 / 10 = 2.5 units of the only line (10 units possible, 10 wanted at 1 each): units are
    // continuous. V = 2.5, C = 25.
    [Fact]
    public void Solve_MoneyForPartOfAUnit_BuysFractionalUnits()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 25, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 } ]
            }
            """, value: 2.5, committed: 25);

        Near(2.5, Assert.Single(result.Allocations).Units, "allocation units");
        Near(2.5, Assert.Single(result.Deliveries).Units, "delivery units");
    }
}
