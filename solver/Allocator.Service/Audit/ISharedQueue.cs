namespace Allocator.Service.Audit;

/// <summary>
/// The solve queue in the database, shared by every service instance on it (PostgreSQL). A queued allocation is
/// the queue entry; an instance claims one by making it <c>running</c> under its own id, and holds a lease that it
/// renews by heartbeat. When an instance's lease expires (it was killed, or lost the database), whichever instance
/// notices first puts its running allocations back in the queue, or marks them interrupted after
/// <c>maxAttempts</c>. A completion counts only while its instance still owns the allocation, so nothing is
/// recorded twice.
/// </summary>
internal interface ISharedQueue
{
    /// <summary>Registers the instance with a fresh lease, then recovers expired leases; returns how many allocations were recovered.</summary>
    Task<int> JoinAsync(string instance, TimeSpan lease, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Renews the instance's lease (registering it again if another instance had given it up for dead).</summary>
    Task HeartbeatAsync(string instance, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Puts the running allocations of instances whose lease expired back in the queue (or marks them interrupted
    /// once they have had <paramref name="maxAttempts"/> attempts), each with an event; returns how many.
    /// </summary>
    Task<int> RecoverExpiredAsync(int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Claims the queued allocation <paramref name="id"/> for <paramref name="instance"/>; false when it is not queued (any more).</summary>
    Task<bool> TryClaimAsync(string id, string instance, DateTimeOffset started, CancellationToken cancellationToken);

    /// <summary>Claims the oldest queued allocation of <paramref name="lane"/> that no other instance is claiming; null when there is none.</summary>
    Task<(string Id, byte[] Request)?> ClaimNextAsync(string lane, string instance, DateTimeOffset started, CancellationToken cancellationToken);

    /// <summary>Records how the attempt ended, if <paramref name="instance"/> still owns the allocation; false when it does not.</summary>
    Task<bool> CompleteOwnedAsync(string id, string instance, Completion completion, CancellationToken cancellationToken);

    /// <summary>Gives up an owned running allocation (the instance is stopping): back in the queue, or interrupted after <paramref name="maxAttempts"/>.</summary>
    Task ReleaseAsync(string id, string instance, int maxAttempts, DateTimeOffset now, string reason, CancellationToken cancellationToken);

    /// <summary>Removes the instance's lease (at a clean stop, after its solves were released).</summary>
    Task LeaveAsync(string instance, CancellationToken cancellationToken);
}
