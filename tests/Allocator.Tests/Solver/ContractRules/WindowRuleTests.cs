using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Solver.ContractRules;

/// <summary>When money may be committed: tranche windows and lead times against the horizon.</summary>
public class WindowRuleTests
{
    // P = 3, one line: 10 USD a unit, lead time 0, 4 units a period. One need: 20 units, 1 a unit, due in the
    // last period with no decay, so every delivery is worth 1. The tranche (100 USD) opens in period 1, so money
    // can only be committed in t = 1 and t = 2: 4 + 4 = 8 units. V = 8, C = 80; nothing committed in period 0
    // (without the window the plan would buy 12 units).
    [Fact]
    public void Solve_TrancheAvailableFromPeriodOne_CommitsNothingEarlier()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "USD", "availableFrom": 1 } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 4 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 20, "priority": 20, "dueBy": 2, "lateDecay": 0 } ]
            }
            """, value: 8, committed: 80);

        Near(0, MoneyIn(result, "l", 0), "money in period 0");
        Near(40, MoneyIn(result, "l", 1), "money in period 1");
        Near(40, MoneyIn(result, "l", 2), "money in period 2");
    }

    // The same request, but the tranche is open from period 0 and expires after period 1: t = 0 and t = 1 only,
    // 4 + 4 = 8 units. V = 8, C = 80; nothing committed in period 2.
    [Fact]
    public void Solve_TrancheExpiresAfterPeriodOne_CommitsNothingLater()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "USD", "expiresAfter": 1 } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 4 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 20, "priority": 20, "dueBy": 2, "lateDecay": 0 } ]
            }
            """, value: 8, committed: 80);

        Near(40, MoneyIn(result, "l", 0), "money in period 0");
        Near(40, MoneyIn(result, "l", 1), "money in period 1");
        Near(0, MoneyIn(result, "l", 2), "money in period 2");
    }

    // P = 3. Line "slow" has lead time 2, so only t = 0 delivers inside the horizon (s = 2): 4 units, 40 USD.
    // Line "too-slow" is ten times cheaper and has room for 100 units a period, but lead time 3 > P - 1: no
    // commitment period exists, so it gets nothing. Every unit is worth 1 (due 2, no decay). V = 4, C = 40,
    // and 60 of the 100 USD stays unallocated.
    [Fact]
    public void Solve_LeadTimePastHorizon_MoneyIsNeverCommitted()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "USD" } ] } ],
              "lines": [
                { "id": "slow", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 2, "capacity": 4 },
                { "id": "too-slow", "producer": "p2", "country": "UA", "category": "a", "unitCost": 1, "currency": "USD", "leadTime": 3, "capacity": 100 }
              ],
              "needs": [ { "id": "n", "category": "a", "quantity": 20, "priority": 20, "dueBy": 2, "lateDecay": 0 } ]
            }
            """, value: 4, committed: 40);

        var row = Assert.Single(result.Allocations);
        Assert.Equal(("slow", 0, 2), (row.Line, row.Period, row.DeliveryPeriod));
        Near(4, row.Units, "slow units");
        Near(0, Funding(result, "too-slow"), "too-slow funding");
        Near(60, result.Summary.Unallocated, "unallocated");
    }

    // P = 2, one donor with two tranches: tranche 0 (30 USD) only in period 0, tranche 1 (50 USD) from period 1.
    // Line: 10 USD a unit, 4 a period, lead time 0; every unit worth 1 (due 1, no decay, 20 wanted).
    // t = 0: only tranche 0 is open, 30 USD = 3 units (capacity 4 not reached).
    // t = 1: only tranche 1 is open, capacity 4 units = 40 USD.
    // V = 7, C = 70; the donor keeps 10 USD of tranche 1.
    [Fact]
    public void Solve_TwoTranchesOfOneDonor_EachPaysInItsOwnWindow()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 2 },
              "donors": [ { "id": "d", "tranches": [
                { "amount": 30, "currency": "USD", "availableFrom": 0, "expiresAfter": 0 },
                { "amount": 50, "currency": "USD", "availableFrom": 1 } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 4 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 20, "priority": 20, "dueBy": 1, "lateDecay": 0 } ]
            }
            """, value: 7, committed: 70);

        Assert.Equal(2, result.Allocations.Count);
        var first = result.Allocations.Single(a => a.Tranche == 0);
        var second = result.Allocations.Single(a => a.Tranche == 1);
        Assert.Equal((0, 1), (first.Period, second.Period));
        Near(30, first.Amount, "tranche 0 amount");
        Near(40, second.Amount, "tranche 1 amount");
        Near(10, Donor(result, "d").Unallocated, "donor unallocated");
    }
}
