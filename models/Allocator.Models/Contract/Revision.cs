namespace Allocator.Models;

/// <summary>
/// Contract 1.1: how the plan relates to the request's <c>previousPlan</c> (present only when one was given).
/// The change <c>D = sum |x - p|</c> is <see cref="PlanSummary.Change"/>.
/// </summary>
public sealed class Revision
{
    /// <summary>Money of the previous plan, base currency.</summary>
    public required double Previous { get; init; }

    /// <summary>Money of the previous plan still in the plan: <c>sum over rows of min(x, p)</c>.</summary>
    public required double Kept { get; init; }

    /// <summary>Previous rows that can no longer exist, each with the reason; empty when there are none.</summary>
    public required IReadOnlyList<DroppedAllocation> Dropped { get; init; }
}

/// <summary>A row of the previous plan that the request no longer allows.</summary>
public sealed class DroppedAllocation
{
    /// <summary>Donor id as the previous plan wrote it.</summary>
    public required string Donor { get; init; }

    /// <summary>Tranche index as the previous plan wrote it.</summary>
    public required int Tranche { get; init; }

    /// <summary>Line id as the previous plan wrote it.</summary>
    public required string Line { get; init; }

    /// <summary>Commitment period.</summary>
    public required int Period { get; init; }

    /// <summary>The row's money (it all counts as changed).</summary>
    public required double Amount { get; init; }

    /// <summary>Why the row cannot exist, in a planner's words.</summary>
    public required string Reason { get; init; }
}
