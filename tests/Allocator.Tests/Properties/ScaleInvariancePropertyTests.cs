using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Scenarios.Hard;
using Allocator.Solver;
using CsCheck;
using static Allocator.Tests.Properties.MetamorphicPropertyTests;

namespace Allocator.Tests.Properties;

/// <summary>
/// The plan does not depend on what a planner counts money or units in (issue: a request in won, yen or hryvnia must
/// solve to the same plan as in dollars). Not only the value and the money, as MetamorphicPropertyTests check, but
/// the plan itself: the same allocation rows and delivery rows, with amounts in the new currency (or units in the
/// new lots) equal to the old ones times the factor, to 1e-9.
/// </summary>
public class ScaleInvariancePropertyTests
{
    private const long Cases = 300;

    /// <summary>KRW, JPY and UAH against the dollar, and factors far beyond any currency.</summary>
    private static readonly double[] MoneyFactors = [1400, 150, 41.5, 1e-3, 1e9];

    /// <summary>Lots of 1,000, of 250, dozens, and units split in ten.</summary>
    private static readonly double[] LotSizes = [1000, 250, 12, 0.1];

    [Fact]
    public void Solve_MoneyInAnotherCurrency_GivesTheSamePlan()
    {
        Gen.Select(RequestGen.Request, Gen.Int[0, MoneyFactors.Length - 1]).Sample((request, f) =>
        {
            var factor = MoneyFactors[f];
            var tree = RequestGen.Tree(request);
            foreach (var tranche in Tranches(tree)) tranche["amount"] = tranche["amount"]!.GetValue<double>() * factor;
            foreach (var line in Items(tree, "lines")) line["unitCost"] = line["unitCost"]!.GetValue<double>() * factor;
            AssertSamePlan(request, RequestGen.Read(tree), moneyFactor: factor, unitFactor: 1, $"money x {factor}");
        }, seed: RequestGen.Seed(40), iter: RequestGen.Iterations(Cases), print: c => $"factor {MoneyFactors[c.Item2]}\n{RequestGen.Print(c.Item1)}");
    }

    [Fact]
    public void Solve_UnitsCountedInLots_GivesTheSamePlan()
    {
        Gen.Select(RequestGen.Request, Gen.Int[0, LotSizes.Length - 1]).Sample((request, f) =>
        {
            var lot = LotSizes[f];
            var tree = RequestGen.Tree(request);
            foreach (var line in Items(tree, "lines"))
            {
                line["unitCost"] = line["unitCost"]!.GetValue<double>() * lot;
                line["capacity"] = line["capacity"] is JsonArray perPeriod
                    ? new JsonArray([.. perPeriod.Select(c => (JsonNode)JsonValue.Create(c!.GetValue<double>() / lot))])
                    : JsonValue.Create(line["capacity"]!.GetValue<double>() / lot);
            }
            foreach (var need in Items(tree, "needs")) need["quantity"] = need["quantity"]!.GetValue<double>() / lot;
            AssertSamePlan(request, RequestGen.Read(tree), moneyFactor: 1, unitFactor: 1 / lot, $"units in lots of {lot}");
        }, seed: RequestGen.Seed(41), iter: RequestGen.Iterations(Cases), print: c => $"lot {LotSizes[c.Item2]}\n{RequestGen.Print(c.Item1)}");
    }

    /// <summary>A hard national-style request in won and in dollars: the same plan (the request of the issue that was rejected).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Solve_HardRequestInWon_GivesTheSamePlanAsInDollars(int seed)
    {
        var shape = HardStructure.Named("small");
        var dollars = HardScenarioGenerator.Generate(shape, seed);
        var won = HardScenarioGenerator.Generate(shape with { MoneyFactor = 1400, BaseCurrency = "KRW" }, seed);
        AssertSamePlan(dollars, won, moneyFactor: 1400, unitFactor: 1, "KRW");
    }

    /// <summary>
    /// Same rows, amounts times <paramref name="moneyFactor"/> and units times <paramref name="unitFactor"/>. The
    /// requests' own numbers differ in their last bits (a price times 1,400 is rounded), so the amounts agree to 1e-9,
    /// not to the bit; the rows must be the same.
    /// </summary>
    private static void AssertSamePlan(AllocationRequest before, AllocationRequest after, double moneyFactor, double unitFactor, string change)
    {
        const double relative = 1e-9;
        var a = AllocationEngine.Solve(before, new SolveOptions { Explain = ExplainLevel.None });
        var b = AllocationEngine.Solve(after, new SolveOptions { Explain = ExplainLevel.None });
        Assert.True(a.Status == b.Status, $"{change}: status {a.Status} became {b.Status}");
        Assert.True(Close(b.Summary.Value, a.Summary.Value, a.Summary.MaxValue, relative), $"{change}: value {a.Summary.Value:R} became {b.Summary.Value:R}");
        var rowsA = a.Allocations.Select(r => (r.Donor, r.Tranche, r.Line, r.Period)).ToList();
        var rowsB = b.Allocations.Select(r => (r.Donor, r.Tranche, r.Line, r.Period)).ToList();
        Assert.True(rowsA.SequenceEqual(rowsB), $"{change}: allocation rows differ\nbefore: {string.Join(", ", rowsA)}\nafter:  {string.Join(", ", rowsB)}");
        var largest = a.Allocations.Select(r => r.Amount).DefaultIfEmpty(0).Max();
        foreach (var (x, y) in a.Allocations.Zip(b.Allocations))
        {
            Assert.True(Close(y.Amount, x.Amount * moneyFactor, largest * moneyFactor, relative), $"{change}: {x.Donor}/{x.Line}/{x.Period} amount {x.Amount:R} became {y.Amount:R}");
            Assert.True(Close(y.Units, x.Units * unitFactor, Math.Max(x.Units, 1e-300) * unitFactor, relative), $"{change}: {x.Donor}/{x.Line}/{x.Period} units {x.Units:R} became {y.Units:R}");
        }
        var deliveriesA = a.Deliveries.Select(d => (d.Line, d.Need, d.Period)).ToList();
        var deliveriesB = b.Deliveries.Select(d => (d.Line, d.Need, d.Period)).ToList();
        Assert.True(deliveriesA.SequenceEqual(deliveriesB), $"{change}: delivery rows differ");
    }

    private static bool Close(double actual, double expected, double scale, double relative) =>
        Math.Abs(actual - expected) <= relative * Math.Abs(scale) + 1e-300;
}
