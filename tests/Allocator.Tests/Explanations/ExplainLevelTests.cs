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
        Assert.Contains(e.Notes!, note => note.Contains("not checked by a re-solve", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(100, false, ExplainLevel.Full)]
    [InlineData(5_000, true, ExplainLevel.Full)]
    [InlineData(5_001, false, ExplainLevel.Duals)]
    [InlineData(20_000, false, ExplainLevel.Duals)]
    [InlineData(20_001, false, ExplainLevel.Reasons)]
    [InlineData(20_001, true, ExplainLevel.Duals)]
    [InlineData(5_000_000, true, ExplainLevel.Duals)]
    public void Auto_ChoosesBySizeAndWhereDualsComeFrom(int columns, bool dualsFromSolve, ExplainLevel expected)
    {
        Assert.Equal(expected, Allocator.Solver.Explanations.PlanExplainer.Resolve(ExplainLevel.Auto, columns, dualsFromSolve));
        Assert.Equal(ExplainLevel.None, Allocator.Solver.Explanations.PlanExplainer.Resolve(ExplainLevel.None, columns, dualsFromSolve));
    }

    // At level duals the default backend's own value-stage duals and a separate GLOP solve give the same marginal
    // values wherever the optimum is not degenerate; on these hand-made requests they agree exactly. (Where the LP
    // is degenerate the two bases may differ; level full resolves that by re-solves.)
    [Theory]
    [InlineData("highs")]
    [InlineData("glop")]
    public void Duals_SameValuesFromTheMainSolveAndFromGlop(string backend)
    {
        var request = TestRequests.Parse(TestRequests.EarmarksAndWindows);
        var fromSolve = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.Duals, Backend = backend }).Explanations!;
        var full = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.Full }).Explanations!;
        Assert.Equal(full.Tranches.Select(t => t.MarginalValuePerMillion), fromSolve.Tranches.Select(t => t.MarginalValuePerMillion));
        Assert.Equal(full.Needs.Select(n => n.MarginalValuePerUnit), fromSolve.Needs.Select(n => n.MarginalValuePerUnit));
    }

    [Fact]
    public void UnknownLevel_IsAnInputError()
    {
        var request = TestRequests.Parse(TestRequests.EarmarksAndWindows);
        var error = Assert.Throws<InvalidRequestException>(() => AllocationEngine.Solve(request, new SolveOptions { Explain = (ExplainLevel)42 }));
        Assert.Contains("explain level 42", Assert.Single(error.Errors).Message);
    }

    // Any optimal basis' dual lies between the value of adding (the right-derivative, which level full reports)
    // and the value of removing: so the default backend's unchecked duals are never below level full's values,
    // and equal them where the optimum is not degenerate (most cases, counted below).
    [Fact]
    public void Duals_FromTheMainSolve_AreNeverBelowTheValueOfAdding()
    {
        var (equal, above) = (0, 0);
        foreach (var seed in Enumerable.Range(1, 40))
        {
            var request = RandomRequests.Create(seed);
            var duals = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.Duals }).Explanations!;
            var full = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.Full }).Explanations!;
            var pairs = duals.Tranches.Zip(full.Tranches, (d, f) => (d.MarginalValuePerMillion!.Value, f.MarginalValuePerMillion!.Value))
                .Concat(duals.Needs.Zip(full.Needs, (d, f) => (d.MarginalValuePerUnit!.Value, f.MarginalValuePerUnit!.Value)));
            foreach (var (dual, adding) in pairs)
            {
                Assert.True(dual >= adding - 1e-6 * Math.Max(1, Math.Abs(adding)), $"seed {seed}: dual {dual:R} below the value of adding {adding:R}");
                if (Math.Abs(dual - adding) <= 1e-6 * Math.Max(1, Math.Abs(adding))) equal++; else above++;
            }
        }
        Assert.True(equal > 4 * above, $"{equal} equal, {above} above: the main solve's duals should mostly be the value of adding");
    }
}
