namespace Allocator.Service.Audit;

/// <summary>
/// The states of a stored allocation. A solved one carries the result's status (<c>optimal</c>, <c>feasible</c>,
/// <c>not_solved</c>); the others say why there is no result (yet).
/// </summary>
internal static class AllocationStatus
{
    /// <summary>Stored and waiting for a solver slot.</summary>
    public const string Queued = "queued";

    /// <summary>Being solved now.</summary>
    public const string Running = "running";

    /// <summary>The solver failed inside Allocator; the error is stored.</summary>
    public const string Failed = "failed";

    /// <summary>The client disconnected before the result was ready.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The service stopped (or was killed) before the result was ready.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>
    /// Not a state: the event written into an allocation's trail when a revision of it is stored (its detail names the
    /// revision). The allocation's own status is unchanged.
    /// </summary>
    public const string Revised = "revised";

    /// <summary>States from which <c>POST /v1/allocations/{id}/resolve</c> may solve the stored request again.</summary>
    public static bool CanResolve(string status) => status is Interrupted or Cancelled or Failed;

    /// <summary>States in which the service is still working on the request.</summary>
    public static bool InProgress(string status) => status is Queued or Running;
}

/// <summary>
/// An accepted request, stored before it is solved. <see cref="RevisionOf"/>: the allocation it re-plans
/// (<c>POST /v1/allocations/{id}/revisions</c>), whose plan is its <c>previousPlan</c>; the link is kept in both trails.
/// </summary>
internal sealed record NewAllocation(
    string Id, string? Name, DateTimeOffset Received, string InputSha256, string EngineVersion, byte[] Request, string Lane = "small",
    string? RevisionOf = null);

/// <summary>How an attempt to solve ended: a result, or the reason there is none.</summary>
internal sealed record Completion(
    string Status,
    DateTimeOffset? Started,
    DateTimeOffset Finished,
    string EngineVersion,
    string? ResultJson = null,
    double? Value = null,
    double? Committed = null,
    string? Error = null);

/// <summary>Everything the audit trail keeps about one allocation, except the request and result documents.</summary>
internal sealed record AllocationSummary(
    string Id,
    string? Name,
    DateTimeOffset Received,
    string InputSha256,
    string Status,
    double? Value,
    double? Committed,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    double? DurationMs,
    string EngineVersion,
    int Attempts,
    string? Error);

/// <summary>One state change of an allocation, in the order they happened.</summary>
internal sealed record AuditEvent(DateTimeOffset At, string Status, string? Detail);

/// <summary>A page of summaries, newest first; <see cref="Next"/> is the <c>after</c> of the next page.</summary>
internal sealed record SummaryPage(IReadOnlyList<AllocationSummary> Items, string? Next);
