using Allocator.Tests.Checking;
using static Allocator.Tests.Explanations.Explain;
using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Explanations;

/// <summary>
/// Every reason code, each triggered by a hand-made request whose plan is derived in the comment. Reasons are given
/// for money left, capacity left and needs short, and only then.
/// </summary>
public class ReasonTests
{
    /// <summary>One USD line of category a (10 a unit) and a need for it, with the parts each test changes.</summary>
    private static string Request(string donors, string lines = """{ "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 100 }""",
        string needs = """{ "id": "n", "category": "a", "quantity": 100, "priority": 100, "dueBy": 0 }""", int periods = 1, string policy = "") => $$"""
        {
          "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": {{periods}} },
          "donors": [ {{donors}} ],
          "lines": [ {{lines}} ],
          "needs": [ {{needs}} ]{{policy}}
        }
        """;

    private const string Plenty = """{ "id": "d", "tranches": [ { "amount": 100000, "currency": "USD" } ] }""";

    // --- Tranches ------------------------------------------------------------------------------------------------

    // d2 may buy only category x, which no line makes: its 500 USD stay. d (200 USD) buys 20 units.
    [Fact]
    public void Tranche_EarmarkMatchesNoLine_NoEligibleLine()
    {
        var result = Solve(Request("""
            { "id": "d", "tranches": [ { "amount": 200, "currency": "USD" } ] },
            { "id": "d2", "tranches": [ { "amount": 500, "currency": "USD" } ], "eligibility": { "categories": ["x"] } }
            """));
        var why = TrancheWhy(result, "d2");
        Near(500, why.Unallocated, "unallocated");
        Assert.Equal("no-eligible-line", why.Reason?.Code);
        Assert.Contains("categories x", why.Reason!.Message);
        Assert.Null(TrancheWhy(result, "d").Reason); // fully spent: nothing to explain
    }

    // P = 2; the line needs one period from money to delivery, so money must be committed in period 0. d2's window
    // is period 1 only: too late for any delivery inside the horizon.
    [Fact]
    public void Tranche_WindowAfterLastUsefulCommitment_WindowTooLate()
    {
        var result = Solve(Request("""
            { "id": "d", "tranches": [ { "amount": 200, "currency": "USD" } ] },
            { "id": "d2", "tranches": [ { "amount": 500, "currency": "USD", "availableFrom": 1, "expiresAfter": 1 } ] }
            """,
            lines: """{ "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 1, "capacity": 100 }""",
            needs: """{ "id": "n", "category": "a", "quantity": 100, "priority": 100, "dueBy": 1 }""", periods: 2));
        var why = TrancheWhy(result, "d2");
        Assert.Equal("window-too-late", why.Reason?.Code);
        Assert.Contains("committed by period 0", why.Reason!.Message);
    }

    // Capacity 4 units; 100 wanted; 100,000 USD: 40 USD spent, the rest left because the line is fully booked.
    [Fact]
    public void Tranche_EveryEligibleLineFullyBooked_CapacityExhausted()
    {
        var result = Solve(Request(Plenty,
            lines: """{ "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 4 }"""));
        Near(4, result.Summary.Value, "value");
        var why = TrancheWhy(result, "d");
        Near(100_000 - 40, why.Unallocated, "unallocated");
        Assert.Equal("capacity-exhausted", why.Reason?.Code);
        Assert.Contains("4 units", why.Reason!.Message);
    }

    // Only 2 units wanted, 100 of capacity: the need is met with 20 USD; more units would be worth nothing.
    [Fact]
    public void Tranche_NeedsMet_NothingOfValue()
    {
        var result = Solve(Request(Plenty, needs: """{ "id": "n", "category": "a", "quantity": 2, "priority": 2, "dueBy": 0 }"""));
        var why = TrancheWhy(result, "d");
        Assert.Equal("nothing-of-value", why.Reason?.Code);
        Near(0, why.MarginalValuePerMillion!.Value, "marginal value");
    }

    // Share cap 0.5: p2's line has 1 unit (10 USD), so p1 may receive at most as much as p2: 10 USD. 20 USD spent,
    // the rest left; p1's line still has capacity and the need still wants units, but p1 is at the cap.
    [Fact]
    public void Tranche_OnlyCappedProducersCouldUseIt_ProducerShareCap()
    {
        var result = Solve(Request(Plenty,
            lines: """
                { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 },
                { "id": "small", "producer": "p2", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 1 }
                """,
            policy: """, "policy": { "maxProducerShare": 0.5 }"""));
        Near(20, result.Summary.Committed, "committed");
        Assert.Equal("producer-share-cap", TrancheWhy(result, "d").Reason?.Code);
        Assert.Equal("producer-share-cap", LineWhy(result, "l").Reason?.Code);
    }

    // --- Lines ---------------------------------------------------------------------------------------------------

    // A line of category b, which no need asks for.
    [Fact]
    public void Line_NoNeedForItsCategory_NoNeed()
    {
        var result = Solve(Request(Plenty, lines: """
            { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 100 },
            { "id": "b-line", "producer": "p1", "country": "UA", "category": "b", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 7 }
            """));
        var why = LineWhy(result, "b-line");
        Near(7, why.UnfundedUnits, "unfunded");
        Assert.Equal("no-need", why.Reason?.Code);
    }

    // The only donor excludes p9, which owns the second line: it cannot be funded. The need is short (100 units
    // wanted, the first line's 10 bought), so the need's reason is capacity, and p9's line has no eligible money.
    [Fact]
    public void Line_EveryDonorExcludesItsProducer_NoEligibleMoney()
    {
        var result = Solve(Request("""{ "id": "d", "tranches": [ { "amount": 100000, "currency": "USD" } ], "eligibility": { "excludedProducers": ["p9"] } }""",
            lines: """
                { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 },
                { "id": "p9-line", "producer": "p9", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 50 }
                """));
        Assert.Equal("no-eligible-money", LineWhy(result, "p9-line").Reason?.Code);
        Assert.Equal("capacity-too-small-or-late", NeedWhy(result, "n").Reason?.Code);
    }

    // Money binds: 500 USD, a cheap line (10) and a dear one (20), 1,000 units wanted at 1 each. All 50 units go to
    // the cheap line. Money earns 0.1 value a USD there, a unit is worth 1, so the dear line would be funded only
    // at a unit cost of at most 1 / 0.1 = 10.
    [Fact]
    public void Line_DearerThanTheMarginalLine_OutcompetedWithBreakEven()
    {
        var result = Solve(Request("""{ "id": "d", "tranches": [ { "amount": 500, "currency": "USD" } ] }""",
            lines: """
                { "id": "cheap", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 100 },
                { "id": "dear", "producer": "p2", "country": "UA", "category": "a", "unitCost": 20, "currency": "USD", "leadTime": 0, "capacity": 100 }
                """,
            needs: """{ "id": "n", "category": "a", "quantity": 1000, "priority": 1000, "dueBy": 0 }"""));
        Near(50, result.Summary.Value, "value");
        var why = LineWhy(result, "dear");
        Assert.Equal("outcompeted", why.Reason?.Code);
        Near(10, why.BreakEvenUnitCost!.Value, "break-even unit cost");
        Assert.Contains("at most 10 USD", why.Reason!.Message);
        Assert.Equal("money-to-more-valuable-needs", NeedWhy(result, "n").Reason?.Code);
    }

    // P = 2, lead time 1: the line's period-0 capacity (5 units) can never be bought; period 1's is.
    [Fact]
    public void Line_CapacityBeforeTheLeadTime_LeadTimeTooLong()
    {
        var result = Solve(Request(Plenty,
            lines: """{ "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 1, "capacity": 5 }""",
            needs: """{ "id": "n", "category": "a", "quantity": 100, "priority": 100, "dueBy": 1 }""", periods: 2));
        var why = LineWhy(result, "l");
        Near(5, why.UnfundedUnits, "unfunded");
        Assert.Equal("lead-time-too-long", why.Reason?.Code);
        Assert.Contains("lead time is 1 period", why.Reason!.Message);
    }

    // --- Needs ---------------------------------------------------------------------------------------------------

    // A need of category z, which no line makes.
    [Fact]
    public void Need_NoLineOfItsCategory_NoLine()
    {
        var result = Solve(Request(Plenty, needs: """
            { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 },
            { "id": "z-need", "category": "z", "quantity": 3, "priority": 3, "dueBy": 0 }
            """));
        var why = NeedWhy(result, "z-need");
        Near(3, why.ShortfallUnits, "shortfall");
        Assert.Equal("no-line", why.Reason?.Code);
    }

    // The only line of category b belongs to p2, which the only donor excludes.
    [Fact]
    public void Need_NoDonorMayFundItsLines_NoEligibleMoney()
    {
        var result = Solve(Request("""{ "id": "d", "tranches": [ { "amount": 100000, "currency": "USD" } ], "eligibility": { "excludedProducers": ["p2"] } }""",
            lines: """
                { "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 100 },
                { "id": "b-line", "producer": "p2", "country": "UA", "category": "b", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 100 }
                """,
            needs: """
                { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 },
                { "id": "b-need", "category": "b", "quantity": 4, "priority": 4, "dueBy": 0 }
                """));
        Assert.Equal("no-eligible-money", NeedWhy(result, "b-need").Reason?.Code);
        Assert.Equal("no-eligible-money", LineWhy(result, "b-line").Reason?.Code);
    }

    // TestRequests.CapacityBinds: 8 units can arrive by period 1, 10 are wanted.
    [Fact]
    public void Need_MoreWantedThanCanArrive_CapacityTooSmallOrLate()
    {
        var result = Solve(TestRequests.CapacityBinds);
        var why = NeedWhy(result, "n");
        Near(2, why.ShortfallUnits, "shortfall");
        Assert.Equal("capacity-too-small-or-late", why.Reason?.Code);
        Assert.Contains("At most 8 units could arrive by period 1", why.Reason!.Message);
    }

    // 100 USD buys 10 units (10 each). "hi" wants 20 at 2 a unit, "lo" 10 at 1 a unit: all 10 go to hi. Money earns
    // 2 / 10 = 0.2 value a USD (200,000 per million) there; lo would offer 1 / 10 = 0.1 (100,000 per million).
    [Fact]
    public void Need_MoneyEarnsMoreElsewhere_MoneyToMoreValuableNeeds()
    {
        var result = Solve(Request("""{ "id": "d", "tranches": [ { "amount": 100, "currency": "USD" } ] }""",
            needs: """
                { "id": "hi", "category": "a", "quantity": 20, "priority": 40, "dueBy": 0 },
                { "id": "lo", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 }
                """));
        Near(20, result.Summary.Value, "value");
        var why = NeedWhy(result, "lo");
        Near(10, why.ShortfallUnits, "shortfall");
        Assert.Equal("money-to-more-valuable-needs", why.Reason?.Code);
        Assert.Contains("100,000 value per million", why.Reason!.Message);
        Assert.Contains("200,000 per million elsewhere", why.Reason!.Message);
        Near(200_000, TrancheWhy(result, "d").MarginalValuePerMillion!.Value, "tranche marginal value");
    }

    // Nothing left, nothing short, nothing idle: no reasons at all (a need met in full, a line fully used, money spent).
    [Fact]
    public void EverythingUsed_NoReasons()
    {
        var result = Solve(Request("""{ "id": "d", "tranches": [ { "amount": 100, "currency": "USD" } ] }""",
            lines: """{ "id": "l", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 10 }""",
            needs: """{ "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 0 }"""));
        var e = Of(result);
        Assert.All(e.Tranches, t => Assert.Null(t.Reason));
        Assert.All(e.Lines, l => Assert.Null(l.Reason));
        Assert.All(e.Needs, n => Assert.Null(n.Reason));
    }
}
