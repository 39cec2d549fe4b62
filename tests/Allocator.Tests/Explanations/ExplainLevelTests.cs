using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Explanations;

/// <summary>How much is explained: the levels, and <see cref="ExplainLevel.Auto"/> by the LP's size.</summary>
public class ExplainLevelTests
{
    private static AllocationResult Solve(ExplainLevel level) =>
        AllocationEngine.Solve(TestRequests.Parse(TestRequests.EarmarksAndWindows), new SolveOptions { Explain = level });

    [Fact]
    public void None_LeavesExplanationsOut()
    {
        var result = Solve(ExplainLevel.None);
        Assert.Null(result.Explanations);
        Assert.Null(result.Diagnostics.ExplainSeconds);
    }

    [Fact]
    public void Reasons_HasBaselineAndReasonsButNoMarginalValues()
    {
        var e = Solve(ExplainLevel.Reasons).Explanations!;
        Assert.All(e.Tranches, t => Assert.Null(t.MarginalValuePerMillion));
        Assert.All(e.Needs, n => Assert.Null(n.MarginalValuePerUnit));
        Assert.True(e.Baseline.Value > 0);
        Assert.Contains(e.Notes!, note => note.Contains("marginal values are left out", StringComparison.Ordinal));
    }

    [Fact]
    public void Duals_HasMarginalValuesAndSaysTheyAreUnchecked()
    {
        var e = Solve(ExplainLevel.Duals).Explanations!;
        Assert.All(e.Tranches, t => Assert.NotNull(t.MarginalValuePerMillion));
        Assert.Equal(Solve(ExplainLevel.Full).Explanations!.Tranches.Select(t => t.MarginalValuePerMillion), e.Tranches.Select(t => t.MarginalValuePerMillion));
    }

    [Theory]
    [InlineData(100, ExplainLevel.Full)]
    [InlineData(5_000, ExplainLevel.Full)]
    [InlineData(5_001, ExplainLevel.Duals)]
    [InlineData(20_000, ExplainLevel.Duals)]
    [InlineData(20_001, ExplainLevel.Reasons)]
    public void Auto_ChoosesByColumnCount(int columns, ExplainLevel expected)
    {
        Assert.Equal(expected, Allocator.Solver.Explanations.PlanExplainer.Resolve(ExplainLevel.Auto, columns));
        Assert.Equal(ExplainLevel.None, Allocator.Solver.Explanations.PlanExplainer.Resolve(ExplainLevel.None, columns));
    }

    [Fact]
    public void UnknownLevel_IsAnInputError()
    {
        var request = TestRequests.Parse(TestRequests.EarmarksAndWindows);
        var error = Assert.Throws<InvalidRequestException>(() => AllocationEngine.Solve(request, new SolveOptions { Explain = (ExplainLevel)42 }));
        Assert.Contains("explain level 42", Assert.Single(error.Errors).Message);
    }
}
