using Allocator.Models;
using Allocator.Solver.Certification;
using Allocator.Solver.Explanations;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;

namespace Allocator.Solver.Results;

/// <summary>
/// When the caller's time limit stops the value stage, the solver may hold no plan at all (dual simplex has none
/// before its optimum: a research-scale request with a limit of 25 minutes ended <c>not_solved</c> with nothing to
/// read) or only the point it started from (often no money spent). The hand-made baseline plan (<see cref="Baseline"/>,
/// valid by construction) is then reported instead, <c>feasible</c> and labelled as such, when its certificate finds
/// no constraint broken and it is worth more than what the solver holds. The baseline keeps a re-plan's signed money
/// and <c>asOf</c> (contract 1.1, section 2), and the certificate checks both; requests with lots or minimum orders
/// (whole units), whose rules it does not follow, are left as they are. With urgency tiers the baseline is used only
/// when the solver holds no plan, since one total value does not order plans across tiers.
/// </summary>
internal static class BaselineFallback
{
    /// <summary>Said in <c>diagnostics.solvePath</c> when the baseline is the plan.</summary>
    public const string PathStep = "baseline: the hand-made plan (docs/explanations.md), checked by the certificate";

    /// <summary>Whether <paramref name="outcome"/> is a stopped value stage, on a request the baseline plans correctly.</summary>
    public static bool Applies(LpOutcome outcome, AllocationProblem p) =>
        outcome.ValueStageStopped && !p.HasWholeUnits && (outcome.Primal is null || p.StageCount == 1);

    /// <summary>The outcome to report with the baseline's plan: feasible, saying why and what the plan is.</summary>
    public static LpOutcome Outcome(LpOutcome stopped) => stopped with
    {
        Status = LpStatus.Feasible,
        Primal = null,
        Message = "the time limit stopped the solver before it had a good plan, so this is the hand-made baseline plan (most valuable " +
            "needs first, cheapest lines first, donors in input order; docs/explanations.md): valid, but not optimised; raise " +
            "solver.timeLimitSeconds for an optimal plan",
        Path = [.. stopped.Path, PathStep],
    };

    /// <summary>
    /// The baseline (<paramref name="baseline"/>) replaces what the solver holds (<paramref name="held"/>) only when its
    /// certificate finds every constraint kept and no row breaking a rule, and it is worth more.
    /// </summary>
    public static bool Replaces(AllocationResult baseline, AllocationResult held, LpOutcome outcome) =>
        baseline.Diagnostics.Certificate?.Violations is { } v && PlanCertificate.KeepsConstraints(v)
        && (outcome.Primal is null || baseline.Summary.Value > held.Summary.Value);
}
