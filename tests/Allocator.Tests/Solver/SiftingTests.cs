using System.Text.RegularExpressions;
using Allocator.Models;
using Allocator.Scenarios.Hard;
using Allocator.Solver;
using Allocator.Solver.Backends;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// HiGHS's first solve of a very wide LP sifts (Backends/HighsSifting.cs): it solves the LP on a working set of
/// columns, prices the rest by the restricted duals, and grows the set until no column improves; the whole LP then
/// confirms the basis. Checked against the exact oracle (small requests, sifted by a rule that the default keeps away
/// from them) and against GLOP, which never sifts, on a wide request sifted by the default rule.
/// </summary>
public partial class SiftingTests
{
    /// <summary>Sifts every first solve, one row's worth of columns per round, and never gives up: every round is exercised.</summary>
    private static readonly SiftingRule Always = new(LeastColumns: 0, LeastColumnsPerRow: 0, LeastBatch: 1, MostShare: 1.0);

    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 20));

    [GlpkTheory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomRequestSifted_AgreesWithOracle(int seed)
    {
        var request = RandomRequests.Create(seed);
        var oracle = OracleCache.Get($"random-{seed}", request);

        var result = WithRule(Always, () => AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None }));

        var value = Assert.Single(result.Diagnostics.SolvePath!, step => step.StartsWith("value: ", StringComparison.Ordinal));
        Assert.Matches(SiftedStep(), value);
        OracleVerdict.AssertAgrees(request, result, oracle, seed);
    }

    /// <summary>On the random requests the working set grows over several rounds, not all at once.</summary>
    [Fact]
    public void Solve_RandomRequestsSifted_TakeSeveralRounds()
    {
        var rounds = Enumerable.Range(0, 10).Select(seed =>
        {
            var result = WithRule(Always, () => AllocationEngine.Solve(RandomRequests.Create(seed), new SolveOptions { Explain = ExplainLevel.None }));
            Assert.Equal("optimal", result.Status);
            return int.Parse(SiftedStep().Match(string.Join("\n", result.Diagnostics.SolvePath!)).Groups["rounds"].Value);
        }).ToList();

        Assert.Contains(rounds, r => r >= 3);
    }

    /// <summary>
    /// A request of the <c>wide</c> structure (one category, 2,000 lines, 200 needs: about 190 columns per row) is
    /// sifted by the default rule, and reaches GLOP's optimum (GLOP solves the whole LP, a different simplex code),
    /// with a plan that breaks no rule of the contract and passes its certificate.
    /// </summary>
    [Fact]
    public void Solve_WideRequest_SiftsAndReachesGlopsOptimum()
    {
        var request = HardScenarioGenerator.Generate(HardStructure.Named("wide") with { Lines = 2_000, Needs = 200 }, seed: 3);

        var highs = AllocationEngine.Solve(request, new SolveOptions { Backend = "highs", Explain = ExplainLevel.None });
        var glop = AllocationEngine.Solve(request, new SolveOptions { Backend = "glop", Explain = ExplainLevel.None });

        Assert.Equal("optimal", highs.Status);
        Assert.Contains(highs.Diagnostics.SolvePath!, step => SiftedStep().IsMatch(step));
        Assert.True(highs.Diagnostics.Certificate!.Passed);
        Assert.Empty(PlanChecker.Check(request, highs));
        Assert.Equal("optimal", glop.Status);
        Assert.DoesNotContain(glop.Diagnostics.SolvePath!, step => step.Contains("sifting", StringComparison.Ordinal));
        Assert.Equal(glop.Summary.Value, highs.Summary.Value, 1e-6 * glop.Summary.Value);
        Assert.Equal(glop.Summary.Committed, highs.Summary.Committed, 1e-6 * glop.Summary.Committed);
    }

    /// <summary>The same request gives the same bytes, sifted as unsifted requests do (the rounds break ties by column).</summary>
    [Fact]
    public void Solve_SiftedTwice_SameRows()
    {
        var request = RandomRequests.Create(4);
        string Json() => DeterminismTests.WithoutTimings(AllocatorJson.Serialize(WithRule(Always, () => AllocationEngine.Solve(request))));

        Assert.Equal(Json(), Json());
    }

    /// <summary>Sifting that would grow past its share of the columns is abandoned, and the whole LP is solved instead.</summary>
    [Fact]
    public void Solve_SiftingOutgrowsItsShare_AbandonedAndTheWholeLpSolved()
    {
        var request = RandomRequests.Create(5);
        var direct = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });

        var abandoned = WithRule(Always with { MostShare = 0 }, () => AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None }));

        Assert.Equal("optimal", abandoned.Status);
        Assert.Contains(abandoned.Diagnostics.SolvePath!, step =>
            step.StartsWith("value: highs, sifting (abandoned (after 1 round the working set would hold more than 0% of the columns), then the whole LP)", StringComparison.Ordinal));
        Assert.Equal(direct.Summary.Value, abandoned.Summary.Value, 9);
        Assert.Equal(direct.Summary.Committed, abandoned.Summary.Committed, 3);
    }

    private static T WithRule<T>(SiftingRule rule, Func<T> solve)
    {
        SiftingRule.Override.Value = rule;
        try
        {
            return solve();
        }
        finally
        {
            SiftingRule.Override.Value = null;
        }
    }

    [GeneratedRegex(@"value: highs, sifting \((?<rounds>\d+) rounds?, [\d,]+ of [\d,]+ columns\)")]
    private static partial Regex SiftedStep();
}
