using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;
using Allocator.Tests.Solver.ContractRules;

namespace Allocator.Tests.Solver.Replanning;

/// <summary>Contract 1.1, section 2, on requests small enough to solve by hand (each case derives its optimum).</summary>
public class ReplanRuleTests
{
    private const string TwoLines = """
        "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
        "donors": [ { "id": "d", "tranches": [ { "amount": 100, "currency": "USD" } ] } ],
        "lines": [
          { "id": "cheap", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 },
          { "id": "dear", "producer": "p2", "country": "UA", "category": "a", "unitCost": 20, "currency": "USD", "leadTime": 0, "capacity": 10 }
        ],
        "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 } ]
        """;

    /// <summary>
    /// Without the contract, 100 buys 10 units on the cheap line (V = 10). Signing 40 on the dear line (2 units) leaves
    /// 60 for 6 cheap units: V = 8, C = 100, and the dear row is all signed.
    /// </summary>
    [Fact]
    public void Commitment_OnWorseLine_IsHonouredAndTheRestSpentWell()
    {
        var result = Rule.Solve("{" + TwoLines + """, "commitments": [ { "donor": "d", "tranche": 0, "line": "dear", "period": 0, "amount": 40 } ] }""",
            value: 8, committed: 100);

        var dear = result.Allocations.Single(a => a.Line == "dear");
        Assert.Equal(40, dear.Amount, 9);
        Assert.Equal(40, dear.Signed);
        Assert.Null(result.Allocations.Single(a => a.Line == "cheap").Signed);
        Rule.Near(60, Rule.Funding(result, "cheap"), "cheap funding");
    }

    /// <summary>
    /// Two units a period over three periods, 6 wanted by period 2, money for all: 6 units (V = 10). With asOf = 1 the
    /// first period is past: 4 units in periods 1 and 2 (V = 10 * 4/6), nothing committed in period 0.
    /// </summary>
    [Fact]
    public void AsOf_ForbidsNewMoneyInEarlierPeriods()
    {
        const string request = """
            { "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 }, "asOf": 1,
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 2 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 6, "priority": 10, "dueBy": 2 } ] }
            """;
        var result = Rule.Solve(request, value: 10 * 4 / 6.0, committed: 40);

        Assert.DoesNotContain(result.Allocations, a => a.Period < 1);
    }

    /// <summary>A commitment may lie before asOf: the period is closed to new money, the signed row stays (1 unit in period 0, 2 + 2 later).</summary>
    [Fact]
    public void AsOf_KeepsSignedMoneyBeforeIt()
    {
        const string request = """
            { "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 }, "asOf": 1,
              "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 2 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 6, "priority": 12, "dueBy": 2 } ],
              "commitments": [ { "donor": "d", "tranche": 0, "line": "l", "period": 0, "amount": 10 } ] }
            """;
        var result = Rule.Solve(request, value: 10, committed: 50);

        var early = result.Allocations.Single(a => a.Period == 0);
        Assert.Equal(10, early.Amount, 9);
        Assert.Equal(10, early.Signed);
    }

    /// <summary>
    /// Two donors of 100 fund one line (10 a unit, 10 units a period, 20 wanted by period 1): any split is optimal.
    /// The previous plan had A in period 0 and B in period 1; A is cut to 50. The least change keeps B's 100 and 50 of
    /// A's: D = 50 exactly (V = 15, C = 150), where a reshuffle (for example B moving to period 0) would count far more.
    /// </summary>
    [Fact]
    public void TrancheCut_MovesOnlyWhatItMust()
    {
        const string request = """
            { "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 2 },
              "donors": [ { "id": "a", "tranches": [ { "amount": 50, "currency": "USD" } ] }, { "id": "b", "tranches": [ { "amount": 100, "currency": "USD" } ] } ],
              "lines": [ { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 20, "priority": 20, "dueBy": 1 } ],
              "previousPlan": { "allocations": [
                { "donor": "a", "tranche": 0, "line": "l", "period": 0, "amount": 100 },
                { "donor": "b", "tranche": 0, "line": "l", "period": 1, "amount": 100 } ] } }
            """;
        foreach (var backend in new[] { "highs", "glop" })
        {
            var result = AllocationEngine.Solve(TestRequests.Parse(request), new SolveOptions { Backend = backend, Explain = ExplainLevel.None });
            Rule.Near(15, result.Summary.Value, "value");
            Rule.Near(150, result.Summary.Committed, "committed");
            Assert.Equal(50, result.Summary.Change);
            Assert.Equal(150, result.Revision!.Kept);
            Assert.Equal(50, Rule.MoneyIn(result, "l", 0), 9);
            Assert.Equal(100, result.Allocations.Single(x => x.Donor == "b").Amount, 9);
            Assert.Equal(1, result.Allocations.Single(x => x.Donor == "b").Period);
        }
    }

    /// <summary>Rows that can no longer exist are listed with their reason, count whole in D, and are not an error.</summary>
    [Fact]
    public void PreviousPlan_RowsThatCannotExist_AreDroppedWithReasons()
    {
        var request = TestRequests.Parse("{" + TwoLines + """
            , "previousPlan": { "allocations": [
                { "donor": "d", "tranche": 0, "line": "cheap", "period": 0, "amount": 100, "deliveryPeriod": 0, "units": 10 },
                { "donor": "gone", "tranche": 0, "line": "cheap", "period": 0, "amount": 30 },
                { "donor": "d", "tranche": 1, "line": "cheap", "period": 0, "amount": 20 },
                { "donor": "d", "tranche": 0, "line": "closed", "period": 0, "amount": 10 },
                { "donor": "d", "tranche": 0, "line": "dear", "period": 5, "amount": 5 } ] } }
            """);

        var result = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });

        Assert.Equal(65, result.Summary.Change);
        Assert.Equal(100, result.Revision!.Kept);
        Assert.Equal(165, result.Revision.Previous);
        Assert.Equal(["gone", "d", "d", "d"], result.Revision.Dropped.Select(d => d.Donor));
        Assert.Contains("no longer in the request", result.Revision.Dropped[0].Reason);
        Assert.Contains("no tranche 1", result.Revision.Dropped[1].Reason);
        Assert.Contains("line 'closed'", result.Revision.Dropped[2].Reason);
        Assert.Contains("outside the horizon", result.Revision.Dropped[3].Reason);
    }

    /// <summary>A request without the 1.1 fields has none of the 1.1 results.</summary>
    [Fact]
    public void Request_WithoutReplanFields_HasNoReplanResults()
    {
        var result = AllocationEngine.Solve(TestRequests.Parse("{" + TwoLines + "}"), new SolveOptions { Explain = ExplainLevel.None });

        Assert.Null(result.Summary.Change);
        Assert.Null(result.Revision);
        Assert.All(result.Allocations, a => Assert.Null(a.Signed));
        var json = AllocatorJson.Serialize(result);
        Assert.DoesNotContain("\"signed\"", json);
        Assert.DoesNotContain("\"change\"", json);
        Assert.DoesNotContain("\"revision\"", json);
    }

    /// <summary>
    /// Commitments that only a cap-breaking plan can honour are an input error naming the producer: p1 is signed 60 of
    /// a cap of 0.5, and the only other line can take 20 more, so p1's share is at least 60/80.
    /// </summary>
    [Fact]
    public void Commitments_ThatBreakTheShareCap_AreAnInputError()
    {
        const string request = """
            { "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 1 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 200, "currency": "USD" } ] } ],
              "lines": [
                { "id": "one", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 },
                { "id": "two", "producer": "p2", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 2 } ],
              "needs": [ { "id": "n", "category": "a", "quantity": 20, "priority": 20, "dueBy": 0 } ],
              "policy": { "maxProducerShare": 0.5 },
              "commitments": [ { "donor": "d", "tranche": 0, "line": "one", "period": 0, "amount": 60 } ] }
            """;
        var outcome = AllocationEngine.Solve(System.Text.Encoding.UTF8.GetBytes(request), new SolveOptions { Explain = ExplainLevel.None });

        Assert.Null(outcome.Result);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("$.policy.maxProducerShare", error.Path);
        Assert.Contains("producer 'p1'", error.Message);
        Assert.Contains("$.commitments[0]", error.Message);
    }
}
