using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver.Replanning;

/// <summary>The tie rule (Formulation/TieRule.cs): where it decides, the plan does not depend on the backend.</summary>
public class TieRuleTests
{
    [Theory]
    [InlineData("ukraine-2024.json")]
    [InlineData("teaching-two-donors.json")]
    [InlineData("teaching-late-delivery.json")]
    public void Example_WithTieRule_SameRowsOnHighsAndGlop(string example)
    {
        var request = Examples.Request(example);
        var highs = AllocationEngine.Solve(request, new SolveOptions { Backend = "highs", Explain = ExplainLevel.None });
        var glop = AllocationEngine.Solve(request, new SolveOptions { Backend = "glop", Explain = ExplainLevel.None });

        Assert.Equal("optimal", highs.Status);
        Assert.Equal("optimal", glop.Status);
        // Both tie stages applied: the tranches' weights, then the routes (TieRule.RouteWeight).
        foreach (var result in new[] { highs, glop })
        {
            Assert.Contains(result.Diagnostics.SolvePath!, step => step.StartsWith("tie rule, routes: ", StringComparison.Ordinal));
            Assert.DoesNotContain(result.Diagnostics.SolvePath!, step => step.Contains("not applied", StringComparison.Ordinal));
        }
        var diff = PlanComparison.Compare(highs, glop);
        Assert.True(diff.Allocations.Count == 0, $"{diff.Allocations.Count} rows differ:\n{AllocatorJson.Serialize(diff)}");
    }

    /// <summary>
    /// On random requests the rule decides the plan almost always: HiGHS and GLOP report the same rows. Where they do
    /// not, a tie remains that the rule does not decide (two lines of one pool in the same period at the same weight);
    /// value and money agree everywhere. Measured count, not a hard-coded expectation: at least 95 of 100.
    /// </summary>
    [Fact]
    public void RandomRequests_WithTieRule_MostlySameRowsOnHighsAndGlop()
    {
        var same = 0;
        var differ = new List<int>();
        for (var seed = 0; seed < 100; seed++)
        {
            var request = RandomRequests.Create(seed);
            var highs = AllocationEngine.Solve(request, new SolveOptions { Backend = "highs", Explain = ExplainLevel.None });
            var glop = AllocationEngine.Solve(request, new SolveOptions { Backend = "glop", Explain = ExplainLevel.None });
            Assert.Equal(highs.Summary.Value, glop.Summary.Value, 6);
            Assert.Equal(highs.Summary.Committed, glop.Summary.Committed, 3);
            if (PlanComparison.Compare(highs, glop).Allocations.Count == 0) same++;
            else differ.Add(seed);
        }
        Assert.True(same >= 95, $"{same} of 100 agree; differ: {string.Join(", ", differ)}");
    }

    /// <summary>
    /// The routes' weight is a product (Monge) form: of two groups and two pools, the lower-numbered group paying the
    /// lower-numbered pool costs less than the crossed routes, by exactly (B - A)(Y - X) / nodes².
    /// </summary>
    [Fact]
    public void RouteWeight_TwoGroupsTwoPools_LowerGroupPaysLowerPool()
    {
        const int nodes = 10;
        var (a, b, x, y) = (1, 3, 6, 8);
        var straight = Allocator.Solver.Formulation.TieRule.RouteWeight(a, x, nodes) + Allocator.Solver.Formulation.TieRule.RouteWeight(b, y, nodes);
        var crossed = Allocator.Solver.Formulation.TieRule.RouteWeight(a, y, nodes) + Allocator.Solver.Formulation.TieRule.RouteWeight(b, x, nodes);

        Assert.Equal((b - a) * (y - x) / (double)(nodes * nodes), crossed - straight, 12);
    }

    /// <summary><c>solver.tieRule: false</c> skips the stage: the same value and money, one stage fewer.</summary>
    [Fact]
    public void TieRuleFalse_SkipsTheStage_KeepsValueAndMoney()
    {
        var request = Examples.Request(Examples.Ukraine2024);
        var without = ReplanRequests.Edit(request, root => root["solver"] = new System.Text.Json.Nodes.JsonObject { ["tieRule"] = false });

        var with = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });
        var skipped = AllocationEngine.Solve(without, new SolveOptions { Explain = ExplainLevel.None });

        Assert.Contains(with.Diagnostics.SolvePath!, step => step.StartsWith("tie rule:", StringComparison.Ordinal));
        Assert.DoesNotContain(skipped.Diagnostics.SolvePath!, step => step.StartsWith("tie rule:", StringComparison.Ordinal));
        Assert.Equal(with.Summary.Value, skipped.Summary.Value, 9);
        Assert.Equal(with.Summary.Committed, skipped.Summary.Committed, 3);
    }
}
