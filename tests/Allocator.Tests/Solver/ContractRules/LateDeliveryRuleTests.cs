using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Solver.ContractRules;

/// <summary>The value of late deliveries: f = 1 up to dueBy, then max(0, 1 - lateDecay × periods late).</summary>
public class LateDeliveryRuleTests
{
    // Common market for this class: 1000 USD (never binding), one line of 10 USD a unit, lead time 0,
    // 2 units a period; one need of 10 units, priority 10 (1 a unit), due in period 0.

    // lateDecay 0.3, P = 3: a unit is worth 1 in s = 0, 0.7 in s = 1, 0.4 in s = 2. All are positive and only
    // 6 units can be made, so all are bought: V = 2 + 1.4 + 0.8 = 4.2, C = 60, 2 units on time.
    [Fact]
    public void Solve_LateDecay_ValueFallsPerPeriodLate()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 2 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0, "lateDecay": 0.3 } ]
            }
            """, value: 4.2, committed: 60);

        Near(2, result.Deliveries.Single(d => d.Period == 0).Value, "value in period 0");
        Near(1.4, result.Deliveries.Single(d => d.Period == 1).Value, "value in period 1");
        Near(0.8, result.Deliveries.Single(d => d.Period == 2).Value, "value in period 2");
        Near(2, Need(result, "n").OnTimeUnits, "on-time units");
    }

    // lateDecay 0.5, P = 4: f = 1, 0.5, max(0, 0) = 0, max(0, -0.5) = 0. Units delivered in s = 2 and s = 3
    // add no value, so the least-money stage must not buy them: V = 2 + 1 = 3, C = 40, and no money is
    // committed in periods 2 and 3 (the need keeps a shortfall of 6).
    [Fact]
    public void Solve_DecayFloorAtZero_WorthlessDeliveriesAreNotBought()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 4 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 2 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0, "lateDecay": 0.5 } ]
            }
            """, value: 3, committed: 40);

        Assert.All(result.Allocations, a => Assert.True(a.Period <= 1, $"money committed in period {a.Period}"));
        Assert.All(result.Deliveries, d => Assert.True(d.Period <= 1, $"delivery in period {d.Period}"));
        Near(6, Need(result, "n").ShortfallUnits, "shortfall");
    }

    // No lateDecay, so 0.25; P = 5: f = 1, 0.75, 0.5, 0.25, 0 in s = 0..4. The first four periods are bought,
    // period 4 is worthless: V = 2 × (1 + 0.75 + 0.5 + 0.25) = 5, C = 80. (With no decay at all it would be
    // V = 10, C = 100.)
    [Fact]
    public void Solve_LateDecayAbsent_DefaultsToAQuarterPerPeriod()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 5 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 2 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 } ]
            }
            """, value: 5, committed: 80);

        Near(1.5, result.Deliveries.Single(d => d.Period == 1).Value, "value in period 1");
        Near(0.5, result.Deliveries.Single(d => d.Period == 3).Value, "value in period 3");
        Assert.DoesNotContain(result.Deliveries, d => d.Period == 4);
    }

    // P = 3, lead time 1, due in period 1, lateDecay 1. t = 0 delivers in s = 1 = dueBy: on time, worth 1.
    // t = 1 delivers in s = 2, one period late: f = 1 - 1 = 0, not bought. So 2 units in period 1:
    // V = 2, C = 20, onTimeUnits = 2. (Counting the due period as late would make V = 0.)
    [Fact]
    public void Solve_DeliveryInDuePeriod_CountsAsOnTime()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 1, "capacity": 2 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 1, "lateDecay": 1 } ]
            }
            """, value: 2, committed: 20);

        var delivery = Assert.Single(result.Deliveries);
        Assert.Equal(1, delivery.Period);
        Near(2, delivery.Value, "delivery value");
        Near(2, Need(result, "n").OnTimeUnits, "on-time units");
        Near(2, Need(result, "n").DeliveredUnits, "delivered units");
    }
}
