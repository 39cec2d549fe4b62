using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver.Replanning;

/// <summary>examples/ukraine-2024-october.json: the 2024 example re-planned in October (README, "Re-planning").</summary>
public class OctoberExampleTests
{
    /// <summary>The previous plan in the example is the 2024 example's plan (so the README's figures are real).</summary>
    [Fact]
    public void Example_PreviousPlanIsTheJulyPlan()
    {
        var july = AllocationEngine.Solve(Examples.Request(Examples.Ukraine2024), new SolveOptions { Explain = ExplainLevel.None });
        var october = Examples.Request("ukraine-2024-october.json");

        Assert.Equal(july.Allocations.Select(a => (a.Donor, a.Tranche, a.Line, a.Period, a.Amount)),
            october.PreviousPlan!.Allocations.Select(a => (a.Donor, a.Tranche, a.Line, a.Period, a.Amount)));
        Assert.Equal(july.Allocations.Where(a => a.Period < 3).Select(a => (a.Donor, a.Tranche, a.Line, a.Period, a.Amount)),
            october.Commitments!.Select(c => (c.Donor, c.Tranche, c.Line, c.Period, c.Amount)));
    }

    /// <summary>Both backends give the same plan: where value and money leave a choice, the least change decides it.</summary>
    [Fact]
    public void Example_SolvedByHighsAndGlop_GivesTheSamePlan()
    {
        var request = Examples.Request("ukraine-2024-october.json");
        var highs = AllocationEngine.Solve(request, new SolveOptions { Backend = "highs", Explain = ExplainLevel.None });
        var glop = AllocationEngine.Solve(request, new SolveOptions { Backend = "glop", Explain = ExplainLevel.None });

        foreach (var result in new[] { highs, glop })
        {
            Assert.Equal("optimal", result.Status);
            Assert.Empty(PlanChecker.Check(request, result));
            ReplanChecks.Assert(request, result);
        }
        Assert.Equal(highs.Summary.Change, glop.Summary.Change);
        Assert.Empty(PlanComparison.Compare(highs, glop).Allocations);
    }
}
