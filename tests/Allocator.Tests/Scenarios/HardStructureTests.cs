using Allocator.Models;
using Allocator.Scenarios.Hard;
using Allocator.Solver.Formulation;
using Allocator.Solver.Problem;

namespace Allocator.Tests.Scenarios;

/// <summary>
/// The hard structures (<c>allocator generate --structure</c>) are valid requests, and each has the shape its name
/// promises: pools that do not collapse, or that do (<see cref="HardStructure.PooledEarmarks"/>).
/// </summary>
public class HardStructureTests
{
    public static TheoryData<string> Names() => [.. HardStructure.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Generate_EveryNamedStructure_IsAValidRequest(string name)
    {
        var request = HardScenarioGenerator.Generate(HardStructure.Named(name), seed: 1);

        Assert.Empty(RequestValidator.Validate(request, ["highs", "glop"]));
        Assert.Equal(HardStructure.Named(name).Lines, request.Lines.Count);
    }

    [Fact]
    public void Generate_IndependentEarmarks_PoolsDoNotCollapse()
    {
        var pools = PoolIndex.Build(ProblemBuilder.Build(HardScenarioGenerator.Generate(HardStructure.Named("national"), seed: 1)));

        // About 500 distinct sets of eligible donors among 2,000 lines (docs/generator.md).
        Assert.InRange(pools.PoolCount, 300, 2_000);
    }

    [Theory]
    [InlineData("national-pooled")]
    [InlineData("research-pooled")]
    public void Generate_PooledEarmarks_AtMostTwoPoolsPerCategory(string name)
    {
        var shape = HardStructure.Named(name);
        var pools = PoolIndex.Build(ProblemBuilder.Build(HardScenarioGenerator.Generate(shape, seed: 1)));

        // Eligibility then depends only on the category and on whether the line is Ukrainian (categories with the same
        // donors share a pool, so there may be fewer).
        Assert.InRange(pools.PoolCount, 1, 2 * shape.Categories);
    }
}
