using System.Diagnostics;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Scenarios.Hard;
using Allocator.Solver;
using Allocator.Solver.Certification;
using Allocator.Solver.Explanations;
using Allocator.Solver.Problem;
using Allocator.Solver.Results;
using Allocator.Tests.Checking;
using Allocator.Tests.Solver.Replanning;

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
    public void Solve_TimeLimitStopsAReplan_GivesABaselineThatKeepsItsCommitmentsAndAsOf()
    {
        // Contract 1.1: a month later (asOf 12), half of every earlier row of the plan before signed.
        var before = Baseline.Plan(National, ProblemBuilder.Build(National));
        var request = ReplanRequests.Edit(ReplanRequests.WithPreviousPlan(National, before), root =>
        {
            root["asOf"] = 12;
            var signed = new JsonArray();
            foreach (var row in before.Allocations.Where(a => a.Period < 12))
                signed.Add(new JsonObject { ["donor"] = row.Donor, ["tranche"] = row.Tranche, ["line"] = row.Line, ["period"] = row.Period, ["amount"] = row.Amount / 2 });
            root["commitments"] = signed;
        });
        Assert.NotEmpty(request.Commitments!);

        var result = SolveWithTheLimitSpent(request);

        Assert.Equal("feasible", result.Status);
        Assert.Contains(BaselineFallback.PathStep, result.Diagnostics.SolvePath!);
        Assert.True(result.Summary.Value > 0);
        // Checked from the rows by checkers written from the spec: the contract's constraints, every commitment
        // honoured, no new money before asOf, and the change against the previous plan.
        Assert.Empty(PlanChecker.Check(request, result));
        ReplanChecks.Assert(request, result);
        Assert.True(PlanCertificate.KeepsConstraints(result.Diagnostics.Certificate!.Violations), result.Diagnostics.Certificate.Failure);
    }

    [Fact]
    public void Solve_TimeLimitStopsRandomReplans_TheBaselineKeepsEveryRule()
    {
        // Random re-plans (a tranche cut or raised, asOf moved, half of the earlier rows signed): whenever the baseline
        // is reported, it keeps every rule by the spec's checkers; it is reported unless the signed money itself breaks
        // the share cap (then no plan can keep it, and the result is not_solved).
        var reported = 0;
        for (var seed = 0; seed < 30; seed++)
        {
            var request = ReplanRequests.RandomMonthLater(seed);
            var result = SolveWithTheLimitSpent(request, ExplainLevel.None);
            if (!result.Diagnostics.SolvePath!.Contains(BaselineFallback.PathStep))
            {
                Assert.Equal("not_solved", result.Status);
                continue;
            }
            reported++;
            Assert.Equal("feasible", result.Status);
            Assert.Empty(PlanChecker.Check(request, result));
            ReplanChecks.Assert(request, result);
        }
        Assert.True(reported >= 25, $"the baseline was reported for {reported} of 30 re-plans");
    }

    /// <summary>Solves with the time limit already spent when the engine starts, so that the solver stops at once.</summary>
    private static AllocationResult SolveWithTheLimitSpent(AllocationRequest request, ExplainLevel explain = ExplainLevel.Auto)
    {
        var arrived = Stopwatch.StartNew();
        Thread.Sleep(TimeSpan.FromMilliseconds(20));
        return AllocationEngine.Solve(request, new SolveOptions { TimeLimitSeconds = 0.01, Explain = explain }, CancellationToken.None, arrived, validated: false);
    }
}
