using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;
using static Allocator.Tests.Solver.ContractRules.Rule;

namespace Allocator.Tests.Solver;

/// <summary>
/// The examples against examples/README.md: the two teaching examples against their hand-derived optima, the
/// 2024 example against the exact oracle.
/// </summary>
public class TeachingExampleTests
{
    private static AllocationResult SolveChecked(AllocationRequest request)
    {
        var result = AllocationEngine.Solve(request);
        Assert.True(result.Status == "optimal", $"status {result.Status}: {result.Message}");
        var violations = PlanChecker.Check(request, result);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        return result;
    }

    // README, "teaching-two-donors.json": V = 11 of 12, C = 13M of 14M. donor-ua-only pays 10M (gun-ua 4M in
    // period 0 and 2M in period 1, drone-ua 4M), donor-open pays the one PL gun (3M).
    [Fact]
    public void Solve_TwoDonors_MatchesHandDerivedOptimum()
    {
        var result = SolveChecked(Examples.Request(Examples.TwoDonors));

        Near(11, result.Summary.Value, "value");
        Near(12, result.Summary.MaxValue, "maxValue");
        Near(13_000_000, result.Summary.Committed, "committed");
        Near(14_000_000, result.Summary.Available, "available");
        Near(1_000_000, result.Summary.Unallocated, "unallocated");

        Near(10_000_000, Donor(result, "donor-ua-only").Committed, "donor-ua-only committed");
        Near(1_000_000, Donor(result, "donor-ua-only").Unallocated, "donor-ua-only unallocated");
        Near(3_000_000, Donor(result, "donor-open").Committed, "donor-open committed");
        Near(0, Donor(result, "donor-open").Unallocated, "donor-open unallocated");

        // Who pays what.
        Assert.All(result.Allocations.Where(a => a.Line == "gun-pl"), a => Assert.Equal("donor-open", a.Donor));
        Assert.All(result.Allocations.Where(a => a.Line != "gun-pl"), a => Assert.Equal("donor-ua-only", a.Donor));
        var early = result.Allocations.Single(a => a.Line == "gun-ua" && a.Period == 0);
        Near(4_000_000, early.Amount, "gun-ua period 0 amount");
        Near(2, early.Units, "gun-ua period 0 units");
        Assert.Equal(2, early.DeliveryPeriod);
        var late = result.Allocations.Single(a => a.Line == "gun-ua" && a.Period == 1);
        Near(2_000_000, late.Amount, "gun-ua period 1 amount");
        Near(1, late.Units, "gun-ua period 1 units");
        Assert.Equal(3, late.DeliveryPeriod);
        Assert.All(result.Allocations.Where(a => a.Line == "gun-pl"), a => Assert.True(a.Period <= 1, "the PL gun must arrive on time"));

        Near(3, FundedUnits(result, "gun-ua"), "gun-ua units");
        Near(6_000_000, Funding(result, "gun-ua"), "gun-ua funding");
        Near(1, FundedUnits(result, "gun-pl"), "gun-pl units");
        Near(3_000_000, Funding(result, "gun-pl"), "gun-pl funding");
        Near(40, FundedUnits(result, "drone-ua"), "drone-ua units");
        Near(4_000_000, Funding(result, "drone-ua"), "drone-ua funding");

        AssertNeed(result, "guns", delivered: 4, onTime: 3, shortfall: 0, value: 7);
        AssertNeed(result, "drones", delivered: 40, onTime: 40, shortfall: 0, value: 4);
    }

    // README: without the earmark, donor-ua-only may buy a second PL gun; all 4 guns arrive on time.
    [Fact]
    public void Solve_TwoDonorsWithoutEarmark_AllGunsOnTime()
    {
        var result = SolveChecked(Examples.Request(Examples.TwoDonors, r => r["donors"]![0]!.AsObject().Remove("eligibility")));

        Near(12, result.Summary.Value, "value");
        Near(14_000_000, result.Summary.Committed, "committed");
    }

    // README: with guns due in period 3, the cheap UA line delivers all 4 guns on time and the PL line is idle.
    [Fact]
    public void Solve_TwoDonorsWithLaterDeadline_PolishLineIdle()
    {
        var result = SolveChecked(Examples.Request(Examples.TwoDonors, r => r["needs"]![0]!["dueBy"] = 3));

        Near(12, result.Summary.Value, "value");
        Near(12_000_000, result.Summary.Committed, "committed");
        Near(0, Funding(result, "gun-pl"), "gun-pl funding");
    }

    // README, "teaching-late-delivery.json": 12 fast units on time and 18 slow units two periods late, all in
    // period 0. V = 26.4, C = 360,000 (all the money).
    [Fact]
    public void Solve_LateDelivery_MatchesHandDerivedOptimum()
    {
        var result = SolveChecked(Examples.Request(Examples.LateDelivery));

        Near(26.4, result.Summary.Value, "value");
        Near(30, result.Summary.MaxValue, "maxValue");
        Near(360_000, result.Summary.Committed, "committed");
        Near(360_000, result.Summary.Available, "available");
        Near(0, result.Summary.Unallocated, "unallocated");

        Assert.Equal(2, result.Allocations.Count);
        var fast = result.Allocations.Single(a => a.Line == "ugv-fast");
        Assert.Equal(("donor", 0, 0, 1), (fast.Donor, fast.Tranche, fast.Period, fast.DeliveryPeriod));
        Near(180_000, fast.Amount, "fast amount");
        Near(12, fast.Units, "fast units");
        var slow = result.Allocations.Single(a => a.Line == "ugv-slow");
        Assert.Equal(("donor", 0, 0, 3), (slow.Donor, slow.Tranche, slow.Period, slow.DeliveryPeriod));
        Near(180_000, slow.Amount, "slow amount");
        Near(18, slow.Units, "slow units");

        Assert.Equal(2, result.Deliveries.Count);
        var onTime = result.Deliveries.Single(d => d.Line == "ugv-fast");
        Assert.Equal(("ugv-brigade", 1), (onTime.Need, onTime.Period));
        Near(12, onTime.Units, "fast delivered");
        Near(12, onTime.Value, "fast value");
        var lateRow = result.Deliveries.Single(d => d.Line == "ugv-slow");
        Assert.Equal(("ugv-brigade", 3), (lateRow.Need, lateRow.Period));
        Near(18, lateRow.Units, "slow delivered");
        Near(14.4, lateRow.Value, "slow value");

        Near(180_000, Funding(result, "ugv-fast"), "fast funding");
        Near(180_000, Funding(result, "ugv-slow"), "slow funding");
        AssertNeed(result, "ugv-brigade", delivered: 30, onTime: 12, shortfall: 0, value: 26.4);
    }

    // README: lateDecay 0.5 makes slow units worthless; 20 fast units on time and 4 in period 2 (0.5 each).
    [Fact]
    public void Solve_LateDeliveryWithDecayHalf_SlowLineIdle()
    {
        var result = SolveChecked(Examples.Request(Examples.LateDelivery, r => r["needs"]![0]!["lateDecay"] = 0.5));

        Near(22, result.Summary.Value, "value");
        Near(360_000, result.Summary.Committed, "committed");
        Near(0, Funding(result, "ugv-slow"), "slow funding");
        AssertNeed(result, "ugv-brigade", delivered: 24, onTime: 20, shortfall: 6, value: 22);
    }

    // README: lateDecay 0: every unit is worth 1 whenever it arrives; 30 slow units reach V = 30 for 300,000.
    [Fact]
    public void Solve_LateDeliveryWithoutDecay_CheapestFullPlan()
    {
        var result = SolveChecked(Examples.Request(Examples.LateDelivery, r => r["needs"]![0]!["lateDecay"] = 0));

        Near(30, result.Summary.Value, "value");
        Near(300_000, result.Summary.Committed, "committed");
        Near(0, Funding(result, "ugv-fast"), "fast funding");
    }

    // The 2024 example is not derived by hand: the checker must accept the plan, V and C must be the oracle's,
    // and both must match the README's rounded figures (V ≈ 57.83, C ≈ EUR 1,141.2M).
    [GlpkFact]
    public void Solve_Ukraine2024_AgreesWithOracle()
    {
        var request = Examples.Request(Examples.Ukraine2024);
        var oracle = GlpkOracle.Solve(request)!;

        var result = SolveChecked(request);

        Near(oracle.Value, result.Summary.Value, "value against the oracle");
        OracleTolerance.AssertCommitted(oracle, result.Summary.Committed);
        Assert.Equal(57.83, Math.Round(result.Summary.Value, 2));
        Assert.Equal(1141.2, Math.Round(result.Summary.Committed / 1e6, 1));
        Near(77, result.Summary.MaxValue, "maxValue");
        Near(1_168_945_000, result.Summary.Available, "available");
    }

    private static void AssertNeed(AllocationResult result, string id, double delivered, double onTime, double shortfall, double value)
    {
        var need = Need(result, id);
        Near(delivered, need.DeliveredUnits, $"{id} deliveredUnits");
        Near(onTime, need.OnTimeUnits, $"{id} onTimeUnits");
        Near(shortfall, need.ShortfallUnits, $"{id} shortfallUnits");
        Near(value, need.Value, $"{id} value");
    }
}
