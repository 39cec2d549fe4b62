using Allocator.Solver.Staging;

namespace Allocator.Solver.Lp;

/// <summary>How far the lexicographic solve got.</summary>
internal enum LpStatus
{
    /// <summary>Every stage optimal, each checked by <see cref="StageCheck"/>.</summary>
    Optimal,

    /// <summary>A valid plan whose optimality is not proven (a time limit or an interruption stopped a stage).</summary>
    Feasible,

    /// <summary>No plan.</summary>
    NotSolved,
}

/// <summary>
/// The primal point of the last usable stage, why the solve stopped where it did, how long each stage took, which
/// backend and strategies produced it (<see cref="Path"/>) and each stage's check (<see cref="Verdicts"/>, for the
/// certificate); with a backend whose duals are reliable (HiGHS through its C API), each value stage's optimum and
/// duals, which the explanations read instead of solving the LP again.
/// </summary>
internal sealed record LpOutcome(LpStatus Status, double[]? Primal, string? Message, double ValueStageSeconds, double MoneyStageSeconds,
    IReadOnlyList<StageSnapshot>? ValueStages = null)
{
    public double SolveSeconds => ValueStageSeconds + MoneyStageSeconds;

    /// <summary>The backend whose answer this is.</summary>
    public string? Backend { get; init; }

    /// <summary>What the staged solve did, stage by stage, in words (deterministic: no timings).</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>Each stage solved to optimality, with its objective and proven bound, in stage order (money last).</summary>
    public IReadOnlyList<StageVerdict> Verdicts { get; init; } = [];

    /// <summary>The time limit stopped the first value stage, with or without a plan (see <c>Results/BaselineFallback.cs</c>).</summary>
    public bool ValueStageStopped { get; init; }

    /// <summary>
    /// Contract 1.1: when the least change is proven on the optimal face only, how much more of the previous plan's
    /// money any plan of optimal value and money could keep, at most (LP money units); null otherwise.
    /// </summary>
    public double? ChangeMargin { get; init; }

    /// <summary>Contract 1.1: what the MIP found, when the model has whole-unit columns; null for an LP.</summary>
    public WholeUnitOutcome? WholeUnits { get; init; }
}

/// <summary>
/// The MIP's figures, in LP value units (<see cref="Formulation.Scales.Value"/>).
/// </summary>
/// <param name="RelaxedValue">The LP relaxation's optimal value: the request without lots and minimum orders.</param>
/// <param name="ValueBound">The MIP's dual bound on the value (with urgency tiers, the sum of each tier's bound, each found with the tiers before held).</param>
/// <param name="Value">The value the MIP found (before the integer decisions were fixed and the plan polished).</param>
internal sealed record WholeUnitOutcome(double RelaxedValue, double ValueBound, double Value);
