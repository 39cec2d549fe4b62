using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Solver.ContractRules;

/// <summary>Capacity: per-period arrays, indexed by delivery period, and zero capacity.</summary>
public class CapacityRuleTests
{
    // P = 3, lead time 0, capacity [1, 2, 3], 10 USD a unit, 1000 USD; 10 wanted, worth 1 whenever delivered
    // (due 2, no decay). Every period is filled: 1 + 2 + 3 = 6 units. V = 6, C = 60 (10, 20, 30 USD in
    // periods 0, 1, 2).
    [Fact]
    public void Solve_CapacityArray_LimitsEachPeriod()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": [1, 2, 3] } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 2, "lateDecay": 0 } ]
            }
            """, value: 6, committed: 60);

        Near(10, MoneyIn(result, "l", 0), "money in period 0");
        Near(20, MoneyIn(result, "l", 1), "money in period 1");
        Near(30, MoneyIn(result, "l", 2), "money in period 2");
        Near(6, result.Lines.Single().CapacityUnits, "capacityUnits");
    }

    // P = 3, line "l" with lead time 1 and capacity [5, 0, 3] (capacity counts in the delivery period):
    // t = 0 delivers in s = 1, where capacity is 0; t = 1 delivers in s = 2 (3 units); t = 2 would deliver
    // outside the horizon. Line "idle" is cheaper but has capacity 0 everywhere. 10 wanted, worth 1 each.
    // V = 3, C = 30: one allocation, l committed in period 1, delivered in period 2.
    [Fact]
    public void Solve_ZeroCapacityPeriods_NothingDeliveredThere()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [
                { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 1, "capacity": [5, 0, 3] },
                { "id": "idle", "producer": "p2", "country": "UA", "category": "a", "unitCost": 1, "currency": "USD", "leadTime": 0, "capacity": 0 }
              ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 2, "lateDecay": 0 } ]
            }
            """, value: 3, committed: 30);

        var row = Assert.Single(result.Allocations);
        Assert.Equal(("l", 1, 2), (row.Line, row.Period, row.DeliveryPeriod));
        Near(3, row.Units, "units");
        Near(0, Funding(result, "idle"), "idle funding");
    }
}
