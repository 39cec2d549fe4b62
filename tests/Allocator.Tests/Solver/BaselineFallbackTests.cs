using System.Diagnostics;
using Allocator.Models;
using Allocator.Scenarios.Hard;
using Allocator.Solver;
using Allocator.Solver.Explanations;
using Allocator.Solver.Problem;
using Allocator.Solver.Results;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// A time limit that stops the value stage with no plan, or with only the point the solver started from, gives the
/// hand-made baseline plan, reported feasible (Results/BaselineFallback.cs), instead of nothing; requests whose rules
/// the baseline does not follow never get it. The national-scale structure's value stage takes seconds of dual simplex,
/// which holds no plan worth more than the baseline before its optimum, so half a second stops it on any machine.
/// </summary>
public class BaselineFallbackTests
{
    private const double Limit = 0.5;

    private static readonly AllocationRequest National = HardScenarioGenerator.Generate(HardStructure.Named("national-pooled"), seed: 1);

    [Fact]
    public void Solve_TimeLimitStopsTheValueStage_GivesTheBaselinePlanFeasible()
    {
        var result = AllocationEngine.Solve(National, new SolveOptions { TimeLimitSeconds = Limit });

        Assert.Equal("feasible", result.Status);
        Assert.Contains("hand-made baseline plan", result.Message);
        Assert.Contains(BaselineFallback.PathStep, result.Diagnostics.SolvePath!);
        // The plan is valid by the independent checker, and it is the baseline's, row for row.
        Assert.Empty(PlanChecker.Check(National, result));
        var baseline = Baseline.Plan(National, ProblemBuilder.Build(National));
        Assert.NotEmpty(result.Allocations);
        Assert.Equal(baseline.Allocations.Count, result.Allocations.Count);
        Assert.Equal(baseline.Summary.Value, result.Summary.Value);
        Assert.Equal(baseline.Summary.Committed, result.Summary.Committed);
        // Its certificate measured every constraint kept, and says the plan is not proven optimal.
        var certificate = result.Diagnostics.Certificate!;
        Assert.False(certificate.Passed);
        Assert.Equal(0, certificate.Violations.RowsBreakingRules);
        Assert.True(certificate.Violations.Budgets <= 1e-6 && certificate.Violations.Capacities <= 1e-6
            && certificate.Violations.NeedQuantities <= 1e-6 && certificate.Violations.ProducerShare <= 1e-6);
    }

    [Fact]
    public void Solve_LimitSpentBeforeTheSolve_TheSolverGetsNoneOfItAndThePlanIsTheBaseline()
    {
        // The limit counts from the request's arrival (AllocationEngine), not from the solver's start: reading and
        // building research's LP take seconds. Here the limit is spent before the engine starts; counted from the
        // solver's start instead, HiGHS would run for the whole half second.
        var arrived = Stopwatch.StartNew();
        Thread.Sleep(TimeSpan.FromSeconds(2 * Limit));
        var result = AllocationEngine.Solve(National, new SolveOptions { TimeLimitSeconds = Limit }, CancellationToken.None, arrived, validated: false);

        Assert.Equal("feasible", result.Status);
        Assert.StartsWith("value: highs, simplex: stopped by the time limit", result.Diagnostics.SolvePath![0]);
        Assert.Contains(BaselineFallback.PathStep, result.Diagnostics.SolvePath);
        Assert.True(result.Diagnostics.SolveSeconds < Limit, $"the solver ran {result.Diagnostics.SolveSeconds} s of a limit already spent");
        Assert.True(result.Diagnostics.TotalSeconds >= 2 * Limit, "totalSeconds counts from the request's arrival");
        Assert.Empty(PlanChecker.Check(National, result));
    }

    [Fact]
    public void Solve_TimeLimitStopsTheValueStage_WithAsOf_NeverGivesTheBaseline()
    {
        // Contract 1.1: no new money before asOf, a rule the baseline does not follow. Whether the solver holds a plan when
        // the clock stops it depends on the machine; the baseline is never the answer.
        var request = RequestCopy.WithAsOf(National, 1);
        var result = AllocationEngine.Solve(request, new SolveOptions { TimeLimitSeconds = Limit });

        Assert.NotEqual("optimal", result.Status);
        Assert.DoesNotContain(BaselineFallback.PathStep, result.Diagnostics.SolvePath ?? []);
        Assert.Empty(PlanChecker.Check(request, result));
    }
}
