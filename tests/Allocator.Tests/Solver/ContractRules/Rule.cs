using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver.ContractRules;

/// <summary>
/// Shared steps of the contract-rule tests: solve a tiny request written as contract JSON, require an optimal
/// plan that the independent checker accepts, compare V and C with the hand-derived optimum, and look up rows.
/// </summary>
internal static class Rule
{
    /// <summary>Relative tolerance for hand-derived numbers (the contract's stage-2 slack is 1e-7).</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Solves <paramref name="json"/> and asserts status, checker, <c>V</c> and <c>C</c>.</summary>
    public static AllocationResult Solve(string json, double value, double committed)
    {
        var request = TestRequests.Parse(json);
        var result = AllocationEngine.Solve(request);
        Assert.True(result.Status == "optimal", $"status {result.Status}: {result.Message}");
        var violations = PlanChecker.Check(request, result);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Near(value, result.Summary.Value, "summary.value");
        Near(committed, result.Summary.Committed, "summary.committed");
        return result;
    }

    /// <summary><paramref name="actual"/> equals <paramref name="expected"/> to 1e-6 of max(1, |expected|).</summary>
    public static void Near(double expected, double actual, string what)
    {
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>Money committed to a line over the horizon (its row in <c>lines</c>).</summary>
    public static double Funding(AllocationResult result, string line) => result.Lines.Single(l => l.Id == line).Funding;

    /// <summary>Units funded on a line over the horizon.</summary>
    public static double FundedUnits(AllocationResult result, string line) => result.Lines.Single(l => l.Id == line).FundedUnits;

    /// <summary>Money committed to <paramref name="line"/> in commitment period <paramref name="period"/>, over all tranches.</summary>
    public static double MoneyIn(AllocationResult result, string line, int period) =>
        result.Allocations.Where(a => a.Line == line && a.Period == period).Sum(a => a.Amount);

    /// <summary>Units delivered by any line to <paramref name="need"/> in period <paramref name="period"/>.</summary>
    public static double UnitsTo(AllocationResult result, string need, int period) =>
        result.Deliveries.Where(d => d.Need == need && d.Period == period).Sum(d => d.Units);

    /// <summary>The need's row.</summary>
    public static NeedRow Need(AllocationResult result, string need) => result.Needs.Single(n => n.Id == need);

    /// <summary>The donor's row.</summary>
    public static DonorRow Donor(AllocationResult result, string donor) => result.Donors.Single(d => d.Id == donor);
}
