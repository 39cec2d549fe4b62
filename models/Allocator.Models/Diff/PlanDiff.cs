namespace Allocator.Models;

/// <summary>
/// Contract 1.1, section 3: what changed between two results (and, when given, their two requests), as written by
/// <c>allocator diff</c> and the service's <c>GET /v1/allocations/{a}/diff/{b}</c>. Built by <see cref="PlanComparison"/>.
/// </summary>
public sealed class PlanDiff
{
    /// <summary>The plans' value and committed money, before and after.</summary>
    public required DiffSummary Summary { get; init; }

    /// <summary>Every money row whose amount changed, largest change first.</summary>
    public required IReadOnlyList<AllocationChange> Allocations { get; init; }

    /// <summary>Every need whose delivered units, on-time units or value changed.</summary>
    public required IReadOnlyList<NeedChange> Needs { get; init; }

    /// <summary>What changed in the request, item by item (only when both requests are given).</summary>
    public IReadOnlyList<RequestChange>? RequestChanges { get; init; }
}

/// <summary>A number before and after.</summary>
public sealed class BeforeAfter
{
    /// <summary>In the old plan.</summary>
    public required double Before { get; init; }

    /// <summary>In the new plan.</summary>
    public required double After { get; init; }
}

/// <summary>Totals before and after.</summary>
public sealed class DiffSummary
{
    /// <summary><c>summary.value</c>.</summary>
    public required BeforeAfter Value { get; init; }

    /// <summary><c>summary.committed</c>.</summary>
    public required BeforeAfter Committed { get; init; }
}

/// <summary>One tranche, line and period whose money changed (0 where the row is absent).</summary>
public sealed class AllocationChange
{
    /// <summary>Donor id.</summary>
    public required string Donor { get; init; }

    /// <summary>Tranche index in the donor's list.</summary>
    public required int Tranche { get; init; }

    /// <summary>Line id.</summary>
    public required string Line { get; init; }

    /// <summary>Commitment period.</summary>
    public required int Period { get; init; }

    /// <summary>Money in the old plan.</summary>
    public required double Before { get; init; }

    /// <summary>Money in the new plan.</summary>
    public required double After { get; init; }
}

/// <summary>One need whose coverage changed.</summary>
public sealed class NeedChange
{
    /// <summary>Need id.</summary>
    public required string Id { get; init; }

    /// <summary>Units delivered over the horizon.</summary>
    public required BeforeAfter DeliveredUnits { get; init; }

    /// <summary>Units delivered by <c>dueBy</c>.</summary>
    public required BeforeAfter OnTimeUnits { get; init; }

    /// <summary>Value delivered to the need.</summary>
    public required BeforeAfter Value { get; init; }
}

/// <summary>
/// One changed, added or removed item of the request: a donor, tranche, line or need (by id; a tranche by its donor's
/// id and its index), a policy field, or a request-level field (<c>asOf</c>, <c>horizon</c>, an exchange rate...).
/// </summary>
public sealed class RequestChange
{
    /// <summary><c>donor</c>, <c>tranche</c>, <c>line</c>, <c>need</c>, <c>policy</c> or <c>request</c>.</summary>
    public required string Item { get; init; }

    /// <summary>The item's id (a donor's id for a tranche; the field's name for policy and request fields).</summary>
    public required string Id { get; init; }

    /// <summary>For a tranche, its index in the donor's list.</summary>
    public int? Tranche { get; init; }

    /// <summary><c>added</c>, <c>removed</c> or <c>changed</c>.</summary>
    public required string Change { get; init; }

    /// <summary>For a changed donor, tranche, line or need: the fields that changed, each with its JSON before and after.</summary>
    public IReadOnlyList<FieldChange>? Fields { get; init; }
}

/// <summary>One field of an item, as JSON text before and after (absent where the field is absent).</summary>
public sealed class FieldChange
{
    /// <summary>Field name, such as <c>amount</c> or <c>capacity</c>.</summary>
    public required string Field { get; init; }

    /// <summary>JSON text of the old value, or null when absent.</summary>
    public string? Before { get; init; }

    /// <summary>JSON text of the new value, or null when absent.</summary>
    public string? After { get; init; }
}
