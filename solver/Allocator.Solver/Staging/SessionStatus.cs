namespace Allocator.Solver.Staging;

/// <summary>
/// How one solve of an <see cref="Backends.ILpSession"/> ended, in Allocator's own terms whichever library answered
/// (HiGHS's model statuses and OR-Tools' result statuses are mapped here, in each session).
/// </summary>
internal enum SessionStatus
{
    /// <summary>The backend claims a proven optimum (the staged solve still checks it: <see cref="StageCheck"/>).</summary>
    Optimal,

    /// <summary>A time limit or an interruption stopped the solve with a feasible point.</summary>
    StoppedWithPlan,

    /// <summary>A time limit or an interruption stopped the solve without a feasible point.</summary>
    StoppedWithoutPlan,

    /// <summary>The backend says the LP is infeasible (never true for the contract's LP: a numerical failure, unless holds are too tight).</summary>
    Infeasible,

    /// <summary>The backend says the LP is unbounded (never true: every column is bounded).</summary>
    Unbounded,

    /// <summary>The backend failed (a numerical error, an unknown status).</summary>
    Failed,
}
