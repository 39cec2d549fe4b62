namespace Allocator.Solver.Lp;

/// <summary>How far the lexicographic solve got.</summary>
internal enum LpStatus
{
    /// <summary>Both stages optimal.</summary>
    Optimal,

    /// <summary>A valid plan whose optimality is not proven (a time limit or an interruption stopped a stage).</summary>
    Feasible,

    /// <summary>No plan.</summary>
    NotSolved,
}

/// <summary>
/// The primal point of the last usable stage, why the solve stopped where it did, and how long each stage took;
/// with a backend whose duals are reliable (HiGHS through its C API), each value stage's optimum and duals, which
/// the explanations read instead of solving the LP again.
/// </summary>
internal sealed record LpOutcome(LpStatus Status, double[]? Primal, string? Message, double ValueStageSeconds, double MoneyStageSeconds,
    IReadOnlyList<StageSnapshot>? ValueStages = null)
{
    public double SolveSeconds => ValueStageSeconds + MoneyStageSeconds;
}
