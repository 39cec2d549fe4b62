using Allocator.Models;
using Allocator.Solver;
using Allocator.Solver.Lp;
using Allocator.Solver.Staging;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// Each later stage searches the earlier stages' optimal face (Staging/OptimalFace.cs): the columns whose reduced cost
/// is not zero are fixed, and the later stage's duals, which prove it optimal on the face only, are extended to the
/// whole LP before <see cref="StageCheck"/> accepts them.
/// </summary>
public class OptimalFaceTests
{
    /// <summary>
    /// Value: maximise <c>2 x1 + x2</c> with <c>x1 + x2 &lt;= 1.5</c>, both in [0, 1]: the optimum is x1 = 1, x2 = 0.5, and
    /// x1's reduced cost is 1 (at its upper bound), so the face fixes it. Money: minimise <c>x1</c>, which pushes
    /// against the fixed column. On the face the money stage's own duals price x1 at 1 the wrong way (its bound would
    /// be 0); only with the value stage's multipliers added does the bound reach the optimum, 1. So the stage passes its
    /// check on the face only if the extension is right; otherwise the path would say the face was released.
    /// </summary>
    [Fact]
    public void Solve_LaterStagePushesAgainstAFixedColumn_ItsBoundStillProvesTheOptimum()
    {
        const string backend = "highs";
        var model = new LpModel();
        var x1 = model.AddColumn(0, 1, value: 2, money: 1);
        var x2 = model.AddColumn(0, 1, value: 1, money: 0);
        var row = model.AddRow(double.NegativeInfinity, 1.5);
        model.AddTerm(row, x1, 1);
        model.AddTerm(row, x2, 1);

        var outcome = StagedSolver.Solve(model, backend, null, CancellationToken.None);

        Assert.Equal(LpStatus.Optimal, outcome.Status);
        Assert.Equal(1, outcome.Primal![x1], 9);
        Assert.Equal(0.5, outcome.Primal[x2], 9);
        // The row the value stage prices is fixed too (OptimalFace.Narrow), and the value's hold dropped on the face.
        Assert.Contains($"money: {backend}, simplex, on the optimal face (1 of 2 columns and 1 of 1 rows fixed)", outcome.Path);
        Assert.DoesNotContain(outcome.Path, step => step.Contains("released", StringComparison.Ordinal));
        var money = Assert.Single(outcome.Verdicts, v => v.Objective.IsMoney);
        Assert.True(money.Passed);
        Assert.Equal(1, money.Bound!.Value, 9);
    }

    /// <summary>GLOP searches the whole LP in every stage (BackendTuning.SearchesOptimalFace says why), with the same optimum.</summary>
    [Fact]
    public void Solve_Glop_SearchesTheWholeLp()
    {
        var request = RandomRequests.Create(3);
        var glop = AllocationEngine.Solve(request, new SolveOptions { Backend = "glop", Explain = ExplainLevel.None });
        var highs = AllocationEngine.Solve(request, new SolveOptions { Backend = "highs", Explain = ExplainLevel.None });

        Assert.Equal("optimal", glop.Status);
        Assert.DoesNotContain(glop.Diagnostics.SolvePath!, step => step.Contains("optimal face", StringComparison.Ordinal));
        Assert.Contains(highs.Diagnostics.SolvePath!, step => step.Contains("optimal face", StringComparison.Ordinal));
        Assert.Equal(highs.Summary.Value, glop.Summary.Value, 6);
        Assert.Equal(highs.Summary.Committed, glop.Summary.Committed, 3);
    }

    /// <summary>
    /// On random requests every stage after the value runs on the face and passes its check there (never released),
    /// and the tie rule and its routes apply: the face is exact and its certificate holds, not only on a hand-made LP.
    /// </summary>
    [Fact]
    public void Solve_RandomRequests_LaterStagesPassTheirCheckOnTheFace()
    {
        var onFace = 0;
        for (var seed = 0; seed < 30; seed++)
        {
            var result = AllocationEngine.Solve(RandomRequests.Create(seed), new SolveOptions { Backend = "highs", Explain = ExplainLevel.None });
            var path = result.Diagnostics.SolvePath!;

            Assert.Equal("optimal", result.Status);
            Assert.False(path.Any(step => step.Contains("released", StringComparison.Ordinal) || step.Contains("not applied", StringComparison.Ordinal)), $"seed {seed}: {string.Join(" | ", path)}");
            Assert.Contains(path, step => step.StartsWith("tie rule: highs, simplex", StringComparison.Ordinal));
            if (path.Any(step => step.Contains("on the optimal face", StringComparison.Ordinal))) onFace++;
        }
        // A request whose value stage leaves every reduced cost at 0 has no face to narrow to; random ones almost always do.
        Assert.True(onFace >= 25, $"{onFace} of 30 ran a later stage on the optimal face");
    }
}
