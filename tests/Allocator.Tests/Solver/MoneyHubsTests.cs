using Allocator.Models;
using Allocator.Solver;
using Allocator.Solver.Formulation;
using Allocator.Solver.Problem;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// Money hubs (Formulation/MoneyHubs.cs) route money from donor groups to pools through shared nodes. On small requests
/// the default threshold builds none, so these tests lower it: the engine must still agree with the exact oracle, which
/// pays every line from every eligible tranche directly, and every allocation row must name a tranche that may pay it.
/// </summary>
public class MoneyHubsTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 40));

    /// <summary>Six donors that each exclude a few of twelve producers: many pools, and pairs of donors that fund many of them together.</summary>
    private static AllocationRequest ManyEarmarks(int seed)
    {
        var rng = new Random(seed);
        var periods = rng.Next(2, 5);
        var producers = Enumerable.Range(0, 12).Select(i => $"p{i}").ToArray();
        return new AllocationRequest
        {
            SchemaVersion = "1",
            BaseCurrency = "EUR",
            Horizon = new Horizon { Periods = periods },
            Donors = [.. Enumerable.Range(0, 6).Select(d => new Donor
            {
                Id = $"d{d}",
                Tranches = [.. Enumerable.Range(0, rng.Next(1, 3)).Select(_ => new Tranche
                {
                    Amount = 10 * rng.Next(1, 8),
                    Currency = "EUR",
                    AvailableFrom = rng.Next(3) == 0 ? rng.Next(0, periods) : null,
                })],
                Eligibility = new Eligibility { ExcludedProducers = [.. producers.Where(_ => rng.Next(4) == 0)] },
            })],
            Lines = [.. producers.Select((producer, i) => new ProductionLine
            {
                Id = $"l{i}", Producer = producer, Country = "UA", Category = i % 2 == 0 ? "a" : "b",
                UnitCost = new[] { 2.0, 2.5, 4, 5 }[rng.Next(4)], Currency = "EUR", LeadTime = rng.Next(0, 2),
                Capacity = Capacity.Every(rng.Next(1, 6)),
            })],
            Needs = [.. new[] { "a", "b" }.Select(c => new Need
            {
                Id = $"n-{c}", Category = c, Quantity = rng.Next(10, 40), Priority = rng.Next(1, 10), DueBy = rng.Next(0, periods),
            })],
        };
    }

    [Fact]
    public void Build_ManyEarmarks_HubsReplaceArcs()
    {
        var problem = ProblemBuilder.Build(ManyEarmarks(1));
        var pools = PoolIndex.Build(problem);
        var hubs = MoneyHubs.Build(pools, 3);

        Assert.True(hubs.HubCount > 0);
        // Every pool is fed by nodes whose groups are disjoint and together exactly the groups that may fund it.
        for (var pool = 0; pool < pools.PoolCount; pool++)
        {
            var reached = hubs.PoolFeeders(pool).SelectMany(node => Reach(hubs, node)).ToList();
            Assert.Equal(reached.Count, reached.Distinct().Count());
            Assert.Equal(pools.PoolGroups(pool).Order(), reached.Order());
        }
        Assert.True(hubs.PoolFeeders(0).Count <= pools.PoolGroups(0).Count);
    }

    private static IEnumerable<int> Reach(MoneyHubs hubs, int node) =>
        node < hubs.GroupCount ? [node] : Reach(hubs, hubs.HubInputs(node).A).Concat(Reach(hubs, hubs.HubInputs(node).B));

    [GlpkTheory]
    [MemberData(nameof(Seeds))]
    public void Solve_WithHubs_AgreesWithOracle(int seed)
    {
        var request = ManyEarmarks(seed);
        var oracle = GlpkOracle.Solve(request)!;

        var result = AllocationEngine.Solve(request, new SolveOptions { HubMinimumUse = 3 });

        OracleVerdict.AssertAgrees(request, result, oracle, seed);
    }
}
