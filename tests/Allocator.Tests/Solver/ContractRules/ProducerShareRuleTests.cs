using Allocator.Tests.Checking;
using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Solver.ContractRules;

/// <summary>policy.maxProducerShare: no producer receives more than m of all committed money.</summary>
public class ProducerShareRuleTests
{
    // TestRequests.ProducerShare: m = 0.5, line "cheap" (p1, 10 USD, 10 units) and "dear" (p2, 20 USD,
    // 10 units), 300 USD, 20 units wanted at 1 each. With two producers, each <= half means both get the same
    // money M. cheap's capacity caps M at 100 (budget allows 150, the need 133). Units = M/10 + M/20 = 15.
    // V = 15, C = 200: cheap 10 units, dear 5 units, 100 USD each. (Uncapped: 10 + 5 units for 200 too, but
    // also 5 more dear units for 100: V = 20.)
    [Fact]
    public void Solve_ShareCapBinding_SplitsMoneyEqually()
    {
        var result = Solve(TestRequests.ProducerShare, value: 15, committed: 200);

        Near(100, Funding(result, "cheap"), "cheap funding");
        Near(100, Funding(result, "dear"), "dear funding");
        Near(10, FundedUnits(result, "cheap"), "cheap units");
        Near(5, FundedUnits(result, "dear"), "dear units");
    }

    // m = 0.5 and only producer p1 can serve the need (line "a1": 10 USD, 10 units; 10 wanted at 1 each). Alone,
    // p1 may receive at most half of what p1 receives: nothing can be funded. V = 0, C = 0.
    [Fact]
    public void Solve_ShareCapWithOneUsefulProducer_FundsNothing()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 300, "currency": "USD" } ] } ],
              "lines": [ { "id": "a1", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 } ],
              "policy": { "maxProducerShare": 0.5 }
            }
            """, value: 0, committed: 0);

        Assert.Empty(result.Allocations);
    }

    // The same, plus line "b2" of another producer p2 in a category nobody needs (10 USD, 100 units). Funding
    // p2 with units that deliver nothing lets p1 take up to the same amount: p1's money M1 <= p2's money M2.
    // The need caps M1 at 100 (10 units, V = 10), which needs M2 >= 100; least money is M2 = 100.
    // V = 10, C = 200: b2 is funded 10 units that reach no need. Funding another producer raised the value.
    [Fact]
    public void Solve_ShareCap_FundingAnotherProducerRaisesValue()
    {
        var result = Solve("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 300, "currency": "USD" } ] } ],
              "lines": [
                { "id": "a1", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 },
                { "id": "b2", "producer": "p2", "country": "UA", "category": "b", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 100 }
              ],
              "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 } ],
              "policy": { "maxProducerShare": 0.5 }
            }
            """, value: 10, committed: 200);

        Near(100, Funding(result, "a1"), "a1 funding");
        Near(100, Funding(result, "b2"), "b2 funding");
        Near(10, FundedUnits(result, "b2"), "b2 units");
        Assert.DoesNotContain(result.Deliveries, d => d.Line == "b2");
    }
}
