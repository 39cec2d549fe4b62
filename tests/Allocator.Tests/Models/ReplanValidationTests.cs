using Allocator.Models;

namespace Allocator.Tests.Models;

/// <summary>The input rules of contract 1.1, section 2: every problem at once, each at its JSON path.</summary>
public class ReplanValidationTests
{
    private const string Base = """
        "schemaVersion": "1", "baseCurrency": "USD", "exchangeRates": { "EUR": 2 }, "horizon": { "periods": 4 },
        "donors": [
          { "id": "dk", "tranches": [ { "amount": 100, "currency": "USD", "availableFrom": 1, "expiresAfter": 2 } ] },
          { "id": "no", "tranches": [ { "amount": 50, "currency": "EUR" } ], "eligibility": { "producers": ["p2"] } } ],
        "lines": [
          { "id": "gun", "producer": "p1", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 2, "capacity": 3 },
          { "id": "shell", "producer": "p2", "country": "UA", "category": "a", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": [1, 20, 20, 20] } ],
        "needs": [ { "id": "n", "category": "a", "quantity": 10, "priority": 10, "dueBy": 3 } ]
        """;

    private static IReadOnlyList<InputError> Errors(string extra)
    {
        var read = RequestReader.Read("{" + Base + "," + extra + "}");
        Assert.NotNull(read.Request);
        return read.Errors.Concat(RequestValidator.Validate(read.Request!, ["highs", "glop"])).ToList();
    }

    [Fact]
    public void Validate_BadCommitments_ReportsEveryOneAtItsPath()
    {
        var errors = Errors("""
            "asOf": 4,
            "commitments": [
              { "donor": "dj", "tranche": 0, "line": "gun", "period": 1, "amount": 10 },
              { "donor": "dk", "tranche": 3, "line": "gun", "period": 1, "amount": 10 },
              { "donor": "dk", "tranche": 0, "line": "gunn", "period": 1, "amount": 10 },
              { "donor": "no", "tranche": 0, "line": "gun", "period": 1, "amount": 10 },
              { "donor": "dk", "tranche": 0, "line": "shell", "period": 3, "amount": 10 },
              { "donor": "dk", "tranche": 0, "line": "gun", "period": 2, "amount": 10 },
              { "donor": "dk", "tranche": 0, "line": "gun", "period": 1, "amount": -5 } ]
            """).Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith("$.asOf: period 4 is outside the horizon", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.commitments[0].donor: no donor has the id 'dj' (did you mean 'dk'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.commitments[1].tranche: donor 'dk' has no tranche 3", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.commitments[2].line: no line has the id 'gunn' (did you mean 'gun'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.commitments[3]: donor 'no' may not fund line 'gun'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.commitments[4].period: period 3 is outside the window of tranche 0 of donor 'dk'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.commitments[5].period: money committed to line 'gun' in period 2 delivers in period 4, after the horizon's last period 3", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.commitments[6].amount: -5 is not a positive number", StringComparison.Ordinal));
        Assert.Equal(8, errors.Count);
    }

    [Fact]
    public void Validate_CommitmentsBeyondBudgetAndCapacity_NameEveryCommitment()
    {
        var errors = Errors("""
            "commitments": [
              { "donor": "dk", "tranche": 0, "line": "gun", "period": 1, "amount": 20 },
              { "donor": "dk", "tranche": 0, "line": "gun", "period": 1, "amount": 20 },
              { "donor": "dk", "tranche": 0, "line": "shell", "period": 1, "amount": 70 },
              { "donor": "no", "tranche": 0, "line": "shell", "period": 0, "amount": 15 } ]
            """).Select(e => e.ToString()).ToList();

        Assert.Equal(
        [
            "$.donors[0].tranches[0].amount: the commitments $.commitments[0], $.commitments[1], $.commitments[2] add up to 110 USD, more than the tranche's 100 USD (check the commitments or the tranche's amount)",
            "$.lines[0].capacity: the commitments $.commitments[0], $.commitments[1] buy 4 units delivered in period 3, more than the line's capacity of 3 (check the commitments or the capacity)",
            "$.lines[1].capacity[0]: the commitments $.commitments[3] buy 1.5 units delivered in period 0, more than the line's capacity of 1 (check the commitments or the capacity)",
        ], errors);
    }

    [Fact]
    public void Validate_CommitmentsAboveTheShareCapOfAllMoney_NameTheProducer()
    {
        var errors = Errors("""
            "policy": { "maxProducerShare": 0.1 },
            "commitments": [ { "donor": "dk", "tranche": 0, "line": "gun", "period": 1, "amount": 30 } ]
            """);

        var error = Assert.Single(errors);
        Assert.Equal("$.policy.maxProducerShare", error.Path);
        Assert.Contains("producer 'p1'", error.Message);
        Assert.Contains("$.commitments[0]", error.Message);
    }

    [Fact]
    public void Validate_PreviousPlan_AcceptsRowsThatNoLongerExistButNotBadAmounts()
    {
        var errors = Errors("""
            "previousPlan": { "allocations": [
              { "donor": "gone", "tranche": 7, "line": "nowhere", "period": 99, "amount": 10, "deliveryPeriod": 101, "units": 1, "signed": 10 },
              { "donor": "dk", "tranche": 0, "line": "gun", "period": 1, "amount": 0 } ] }
            """);

        var error = Assert.Single(errors);
        Assert.Equal("$.previousPlan.allocations[1].amount", error.Path);
    }

    [Fact]
    public void Read_MisspeltReplanField_IsAnUnknownProperty()
    {
        var read = RequestReader.Read("{" + Base + """, "commitments": [ { "donor": "dk", "tranche": 0, "line": "gun", "period": 1, "ammount": 5 } ] }""");

        Assert.Contains(read.Errors, e => e.Path == "$.commitments[0].ammount" && e.Message.Contains("did you mean 'amount'?"));
        Assert.Contains(read.Errors, e => e.Path == "$.commitments[0].amount" && e.Message.StartsWith("is required"));
    }

    [Fact]
    public void Read_TieRuleNotABoolean_IsAnErrorAtItsPath()
    {
        var read = RequestReader.Read("{" + Base + """, "solver": { "tieRule": "no" } }""");

        var error = Assert.Single(read.Errors);
        Assert.Equal("$.solver.tieRule", error.Path);
        Assert.Equal("must be true or false, not the string \"no\"", error.Message);
        Assert.False(RequestReader.Read("{" + Base + """, "solver": { "tieRule": false } }""").Request!.Solver!.TieRule);
    }
}
