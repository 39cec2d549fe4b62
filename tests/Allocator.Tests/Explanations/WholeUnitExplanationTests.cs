using Allocator.Solver;

namespace Allocator.Tests.Explanations;

/// <summary>Contract 1.1 in the explanations: the price of whole lots in the notes, the reasons that lots and minimum orders give.</summary>
public class WholeUnitExplanationTests
{
    private const string Guns = """
        {
          "schemaVersion": "1", "baseCurrency": "EUR", "horizon": { "periods": 1 },
          "donors": [ { "id": "d", "tranches": [ { "amount": 3500, "currency": "EUR" } ] } ],
          "lines": [
            { "id": "guns", "producer": "p", "country": "UA", "category": "gun", "unitCost": 1000, "currency": "EUR", "leadTime": 0, "capacity": 10, "lotSize": 1 },
            { "id": "shells", "producer": "q", "country": "UA", "category": "shell", "unitCost": 1, "currency": "EUR", "leadTime": 0, "capacity": 600, "lotSize": 100, "minimumOrder": 1000 }
          ],
          "needs": [
            { "id": "g", "category": "gun", "quantity": 5, "priority": 10, "dueBy": 0 },
            { "id": "s", "category": "shell", "quantity": 500, "priority": 1, "dueBy": 0 }
          ]
        }
        """;

    [Fact]
    public void Tranche_LeftWithLessThanALot_SaysTheLotDoesNotFit()
    {
        // 3 guns (3,000) leave 500: a fourth gun costs 1,000, and the shell line sells no fewer than 1,000 of its 600.
        var result = Explain.Solve(Guns, ExplainLevel.Auto);

        var why = Explain.TrancheWhy(result, "d");
        Assert.Equal(500, why.Unallocated);
        Assert.Equal("lot-does-not-fit", why.Reason!.Code);
        Assert.Contains("1 unit on guns", why.Reason.Message, StringComparison.Ordinal);
        Assert.Contains("has 500 EUR left", why.Reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_WithAMinimumOrderAboveItsCapacity_SaysSo()
    {
        var result = Explain.Solve(Guns, ExplainLevel.Auto);

        var why = Explain.LineWhy(result, "shells");
        Assert.Equal("minimum-order-above-capacity", why.Reason!.Code);
        Assert.Contains("no fewer than 1,000 units", why.Reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_StartWithThePriceOfWholeUnits()
    {
        // Without lots, guns and shells are worth the same per euro (0.002): 3,500 EUR buy 7 value; in whole lots 3 guns, 6.
        var result = Explain.Solve(Guns, ExplainLevel.Full);

        Assert.Equal(7, result.Summary.RelaxedValue);
        Assert.Equal(6, result.Summary.Value);
        var note = Explain.Of(result).Notes![0];
        Assert.StartsWith("whole lots and minimum orders cost 1 of value (the plan without them reaches 7)", note, StringComparison.Ordinal);
        Assert.Contains("with this plan's lots and minimum orders fixed", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_WithFreeCapacityForAShortNeed_IsOutcompetedInWholeLotsWithoutABreakEvenCost()
    {
        // 3,500 EUR: whole guns at 1,000 (value 2 each) or lots of 1,000 shells for 1,000 EUR (value 1/3 a lot). Three
        // guns are bought; the shell line has free capacity for a short need, but a lot does not beat a gun.
        var json = Guns.Replace("\"capacity\": 600, \"lotSize\": 100, \"minimumOrder\": 1000", "\"capacity\": 3000, \"lotSize\": 1000", StringComparison.Ordinal)
            .Replace("\"quantity\": 500, \"priority\": 1", "\"quantity\": 3000, \"priority\": 1", StringComparison.Ordinal);
        var result = Explain.Solve(json, ExplainLevel.Auto);

        Assert.Equal(0, result.Lines.Single(l => l.Id == "shells").FundedUnits);
        var why = Explain.LineWhy(result, "shells");
        Assert.Equal("outcompeted", why.Reason!.Code);
        Assert.StartsWith("Outcompeted in whole lots", why.Reason.Message, StringComparison.Ordinal);
        Assert.Null(why.BreakEvenUnitCost);
    }
}
