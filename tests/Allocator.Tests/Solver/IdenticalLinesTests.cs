using Allocator.Models;
using Allocator.Solver;
using Allocator.Solver.Formulation;
using Allocator.Solver.Problem;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// Lines that no rule can tell apart share one unit column per period (Formulation/IdenticalLines.cs). The merge must be
/// exact: the engine still agrees with the exact oracle, which sees every line on its own, and every line's own
/// capacity still holds when the shared column's units are handed back.
/// </summary>
public class IdenticalLinesTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 40));

    /// <summary>The request with a twin of every line: same producer, country, category, price, currency and lead time, its own capacity.</summary>
    private static AllocationRequest WithTwins(AllocationRequest request, int seed)
    {
        var rng = new Random(seed);
        var periods = request.Horizon.Periods;
        var twins = request.Lines.Select(l => new ProductionLine
        {
            Id = l.Id + "-twin",
            Producer = l.Producer,
            Country = l.Country,
            Category = l.Category,
            UnitCost = l.UnitCost,
            Currency = l.Currency,
            LeadTime = l.LeadTime,
            Capacity = Capacity.ByPeriod(Enumerable.Range(0, periods).Select(_ => (double)rng.Next(0, 5)).ToList()),
        });
        return RequestCopy.WithLines(request, [.. request.Lines, .. twins]);
    }

    [GlpkTheory]
    [MemberData(nameof(Seeds))]
    public void Solve_RequestWithIdenticalLines_AgreesWithOracle(int seed)
    {
        var request = WithTwins(RandomRequests.Create(seed), seed);
        var oracle = GlpkOracle.Solve(request)!;

        var result = AllocationEngine.Solve(request);

        OracleVerdict.AssertAgrees(request, result, oracle, seed);
    }

    [Fact]
    public void Formulation_IdenticalLines_ShareOneColumnPerPeriod()
    {
        var request = RandomRequests.Create(5);
        var twins = WithTwins(request, 5);

        var alone = new PooledFormulation(ProblemBuilder.Build(request));
        var merged = new PooledFormulation(ProblemBuilder.Build(twins));

        // Each twin answers with its original's column; the LP has no column of its own for a twin.
        for (var l = 0; l < request.Lines.Count; l++)
            for (var t = 0; t < request.Horizon.Periods; t++)
                Assert.Equal(merged.Map.UnitColumn(l, t), merged.Map.UnitColumn(l + request.Lines.Count, t));
        Assert.True(merged.Model.ColumnCount <= alone.Model.ColumnCount + request.Lines.Count * request.Horizon.Periods,
            $"{merged.Model.ColumnCount} columns with twins, {alone.Model.ColumnCount} without");
    }

    [Fact]
    public void Formulation_LinesSoldInLots_NeverShareColumns()
    {
        // Lots and minimum orders hold line by line: two lines of 10 rounds a lot must not become one line of 10 a lot.
        var request = RandomRequests.Create(5);
        var twins = WithTwins(request, 5);
        var inLots = RequestCopy.WithLines(twins, [.. twins.Lines.Select(l => new ProductionLine
            {
                Id = l.Id, Producer = l.Producer, Country = l.Country, Category = l.Category, UnitCost = l.UnitCost,
                Currency = l.Currency, LeadTime = l.LeadTime, Capacity = l.Capacity, LotSize = 2,
            })]);

        var merged = new PooledFormulation(ProblemBuilder.Build(inLots));

        for (var l = 0; l < request.Lines.Count; l++)
            for (var t = 0; t < request.Horizon.Periods; t++)
                if (merged.Map.UnitColumn(l, t) >= 0)
                    Assert.NotEqual(merged.Map.UnitColumn(l, t), merged.Map.UnitColumn(l + request.Lines.Count, t));
    }

    [Fact]
    public void Solve_ManyIdenticalLines_EachKeepsItsOwnCapacity()
    {
        // One donor, one need larger than any line: the shared column fills the lines in input order, each to its own
        // capacity, and no line is asked for more than it has.
        var request = new AllocationRequest
        {
            SchemaVersion = "1",
            BaseCurrency = "EUR",
            Horizon = new Horizon { Periods = 1 },
            Donors = [new Donor { Id = "d", Tranches = [new Tranche { Amount = 50, Currency = "EUR" }] }],
            Lines = [.. Enumerable.Range(0, 6).Select(i => new ProductionLine
            {
                Id = $"l{i}", Producer = "p", Country = "UA", Category = "shells", UnitCost = 1, Currency = "EUR", LeadTime = 0,
                Capacity = Capacity.Every(10 + i),
            })],
            Needs = [new Need { Id = "n", Category = "shells", Quantity = 1000, Priority = 1, DueBy = 0 }],
        };

        var result = AllocationEngine.Solve(request);

        Assert.Equal("optimal", result.Status);
        Assert.Empty(PlanChecker.Check(request, result));
        Assert.Equal(50, result.Summary.Committed, 6);
        // Input order: l0 10, l1 11, l2 12, l3 13, and l4 the 4 that are left of 50.
        Assert.Equal([10, 11, 12, 13, 4, 0], result.Lines.Select(l => Math.Round(l.FundedUnits, 9)));
    }
}
