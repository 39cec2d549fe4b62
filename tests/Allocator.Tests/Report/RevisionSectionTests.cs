using Allocator.Models;
using Allocator.Report;
using Allocator.Solver;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Report;

/// <summary>The report's section on what changed from the previous plan (contract 1.1), present only with one.</summary>
public class RevisionSectionTests
{
    [Fact]
    public void Report_OfTheOctoberReplan_ShowsKeptChangeAndTheRowsThatMoved()
    {
        var request = Examples.Request("ukraine-2024-october.json");
        var result = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });

        var html = ReportWriter.Write(request, result);

        Assert.Contains("<h2>What changed from the previous plan</h2>", html);
        Assert.Contains($"this plan keeps {Html.Money(result.Revision!.Kept)} of it", html);
        Assert.Contains($"is {Html.Money(result.Summary.Change!.Value)}:", html);
        var moved = PlanComparison.Compare(Previous(request, result), result).Allocations.Count;
        Assert.Contains($"Rows that moved <small>{moved} rows", html);
        Assert.Contains("<b>shell-155-g</b>", html); // the slipping line's money changed
    }

    [Fact]
    public void Report_WithoutPreviousPlan_HasNoRevisionSection()
    {
        var request = Examples.Request(Examples.Ukraine2024);
        var html = ReportWriter.Write(request, AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None }));

        Assert.DoesNotContain("What changed from the previous plan", html);
    }

    /// <summary>The previous plan as a result with only its rows (what the diff compares).</summary>
    private static AllocationResult Previous(AllocationRequest request, AllocationResult result) => new()
    {
        Status = "optimal",
        BaseCurrency = result.BaseCurrency,
        Summary = new PlanSummary { Value = 0, MaxValue = 0, Committed = result.Revision!.Previous, Available = 0, Unallocated = 0 },
        Allocations = request.PreviousPlan!.Allocations.Select(a => new AllocationRow
        {
            Donor = a.Donor, Tranche = a.Tranche, Line = a.Line, Period = a.Period, DeliveryPeriod = 0, Amount = a.Amount, Units = 0,
        }).ToList(),
        Deliveries = [], Donors = [], Lines = [], Needs = [],
        Diagnostics = new Diagnostics { Backend = "", Variables = 0, Constraints = 0, SolveSeconds = 0, InputSha256 = "" },
    };
}
