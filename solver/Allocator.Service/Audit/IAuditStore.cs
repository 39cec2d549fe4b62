namespace Allocator.Service.Audit;

/// <summary>
/// The audit trail: every accepted request is stored before it is solved, and its result (or failure) after.
/// Writes are durable when the task completes, so a killed service loses nothing it acknowledged.
/// Implementations are thread-safe.
/// </summary>
internal interface IAuditStore : IAsyncDisposable
{
    /// <summary>Which database this is, for the start-up message (never the password).</summary>
    string Description { get; }

    /// <summary>
    /// Creates the tables if needed, then marks every allocation left <c>queued</c> or <c>running</c> by a previous
    /// run as <c>interrupted</c>. Returns how many were.
    /// </summary>
    Task<int> InitializeAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores a new request with status <c>queued</c>.</summary>
    Task AddAsync(NewAllocation allocation, CancellationToken cancellationToken);

    /// <summary>Records that the solve started.</summary>
    Task MarkRunningAsync(string id, DateTimeOffset started, CancellationToken cancellationToken);

    /// <summary>Records how the attempt ended.</summary>
    Task CompleteAsync(string id, Completion completion, CancellationToken cancellationToken);

    /// <summary>
    /// Puts an interrupted, cancelled or failed allocation back to <c>queued</c> for another attempt. False when it
    /// is not in such a state (any more).
    /// </summary>
    Task<bool> TryRequeueAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The summary, or null for an unknown id.</summary>
    Task<AllocationSummary?> GetSummaryAsync(string id, CancellationToken cancellationToken);

    /// <summary>The result JSON as served, or null when there is none (or the id is unknown).</summary>
    Task<string?> GetResultAsync(string id, CancellationToken cancellationToken);

    /// <summary>The request bytes exactly as received, or null for an unknown id.</summary>
    Task<byte[]?> GetRequestAsync(string id, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> summaries, newest first, after the allocation <paramref name="after"/>; null when <paramref name="after"/> is unknown.</summary>
    Task<IReadOnlyList<AllocationSummary>?> ListAsync(int limit, string? after, CancellationToken cancellationToken);

    /// <summary>Every state change of an allocation, oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> GetEventsAsync(string id, CancellationToken cancellationToken);
}
