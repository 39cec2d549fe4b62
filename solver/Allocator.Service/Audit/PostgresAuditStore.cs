using System.Data;
using System.Data.Common;
using Npgsql;

namespace Allocator.Service.Audit;

/// <summary>
/// The audit trail in PostgreSQL (<c>--postgres CONNSTRING</c>): request bytes as <c>bytea</c>, timestamps as
/// <c>timestamptz</c>. PostgreSQL's commits are durable by default (<c>synchronous_commit = on</c>). It is also
/// the solve queue that several service instances share (<see cref="ISharedQueue"/>).
/// </summary>
internal sealed class PostgresAuditStore : SqlAuditStore, ISharedQueue
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _description;

    public PostgresAuditStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _description = $"PostgreSQL {builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string Description => _description;

    protected override IEnumerable<string> SchemaStatements =>
    [
        """
        CREATE TABLE IF NOT EXISTS allocations (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id text NOT NULL UNIQUE,
            name text,
            received timestamptz NOT NULL,
            input_sha256 text NOT NULL,
            engine_version text NOT NULL,
            request bytea NOT NULL,
            status text NOT NULL,
            attempts integer NOT NULL,
            started timestamptz,
            finished timestamptz,
            duration_ms double precision,
            value double precision,
            committed double precision,
            result text,
            error text)
        """,
        "CREATE INDEX IF NOT EXISTS allocations_status ON allocations (status)",
        """
        CREATE TABLE IF NOT EXISTS allocation_events (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            allocation_id text NOT NULL,
            at timestamptz NOT NULL,
            status text NOT NULL,
            detail text)
        """,
        "CREATE INDEX IF NOT EXISTS allocation_events_allocation ON allocation_events (allocation_id, seq)",
        // The shared queue (ISharedQueue): a lane per allocation, its owner while running, and one lease per instance.
        "ALTER TABLE allocations ADD COLUMN IF NOT EXISTS lane text NOT NULL DEFAULT 'small'",
        "ALTER TABLE allocations ADD COLUMN IF NOT EXISTS lease_owner text",
        "CREATE INDEX IF NOT EXISTS allocations_queue ON allocations (lane, seq) WHERE status = 'queued'",
        """
        CREATE TABLE IF NOT EXISTS service_instances (
            id text PRIMARY KEY,
            started timestamptz NOT NULL,
            heartbeat timestamptz NOT NULL,
            expires timestamptz NOT NULL)
        """,
    ];

    // Leases are compared with the database's clock (now()), never the instances' own, so that clocks that
    // disagree between machines cannot expire a live lease.
    protected override bool InterruptsLeftoversAtStart => false;

    public async Task<int> JoinAsync(string instance, TimeSpan lease, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await HeartbeatAsync(instance, lease, cancellationToken).ConfigureAwait(false);
        return await RecoverExpiredAsync(maxAttempts, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task HeartbeatAsync(string instance, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, null,
            "INSERT INTO service_instances (id, started, heartbeat, expires) VALUES (@id, now(), now(), now() + make_interval(secs => @lease)) " +
            "ON CONFLICT (id) DO UPDATE SET heartbeat = now(), expires = now() + make_interval(secs => @lease)",
            cancellationToken, ("@id", Text(instance)), ("@lease", (lease.TotalSeconds, DbType.Double))).ConfigureAwait(false);
    }

    public async Task<int> RecoverExpiredAsync(int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // SKIP LOCKED: two instances noticing at once recover disjoint rows, each row once.
        var expired = new List<(string Id, string? Owner, int Attempts)>();
        await using (var command = Command(connection, transaction,
            "SELECT a.id, a.lease_owner, a.attempts FROM allocations a LEFT JOIN service_instances i ON i.id = a.lease_owner " +
            $"WHERE a.status = '{AllocationStatus.Running}' AND (i.id IS NULL OR i.expires < now()) ORDER BY a.seq FOR UPDATE OF a SKIP LOCKED"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                expired.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2)));
        }
        foreach (var (id, owner, attempts) in expired)
        {
            var reason = owner is null
                ? "found running without an owner (a service from before leases, or a lost claim)"
                : $"instance {owner} stopped renewing its lease before the solve finished";
            await GiveUp(connection, transaction, id, attempts, maxAttempts, now, reason, cancellationToken).ConfigureAwait(false);
        }
        await Execute(connection, transaction,
            "DELETE FROM service_instances i WHERE i.expires < now() AND NOT EXISTS " +
            $"(SELECT 1 FROM allocations a WHERE a.lease_owner = i.id AND a.status = '{AllocationStatus.Running}')",
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return expired.Count;
    }

    public async Task<bool> TryClaimAsync(string id, string instance, DateTimeOffset started, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changed = await Execute(connection, transaction,
            $"UPDATE allocations SET status = '{AllocationStatus.Running}', started = @started, lease_owner = @owner " +
            $"WHERE id = @id AND status = '{AllocationStatus.Queued}'",
            cancellationToken, ("@started", Time(started)), ("@owner", Text(instance)), ("@id", Text(id))).ConfigureAwait(false);
        if (changed == 1)
            await AddEvent(connection, transaction, id, started, AllocationStatus.Running, $"on instance {instance}", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<(string Id, byte[] Request)?> ClaimNextAsync(string lane, string instance, DateTimeOffset started, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        (string Id, byte[] Request)? claimed = null;
        await using (var command = Command(connection, transaction,
            $"UPDATE allocations SET status = '{AllocationStatus.Running}', started = @started, lease_owner = @owner WHERE seq = " +
            $"(SELECT seq FROM allocations WHERE status = '{AllocationStatus.Queued}' AND lane = @lane ORDER BY seq FOR UPDATE SKIP LOCKED LIMIT 1) " +
            "RETURNING id, request",
            ("@started", Time(started)), ("@owner", Text(instance)), ("@lane", Text(lane))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                claimed = (reader.GetString(0), (byte[])reader.GetValue(1));
        }
        if (claimed is { } c)
            await AddEvent(connection, transaction, c.Id, started, AllocationStatus.Running, $"on instance {instance}", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    public Task<bool> CompleteOwnedAsync(string id, string instance, Completion completion, CancellationToken cancellationToken) =>
        CompleteAsync(id, completion, ($"status = '{AllocationStatus.Running}' AND lease_owner = @owner", instance), cancellationToken);

    public async Task ReleaseAsync(string id, string instance, int maxAttempts, DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int? attempts = null;
        await using (var command = Command(connection, transaction,
            $"SELECT attempts FROM allocations WHERE id = @id AND status = '{AllocationStatus.Running}' AND lease_owner = @owner FOR UPDATE",
            ("@id", Text(id)), ("@owner", Text(instance))))
        {
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int found) attempts = found;
        }
        if (attempts is { } n)
            await GiveUp(connection, transaction, id, n, maxAttempts, now, reason, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task LeaveAsync(string instance, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, null, "DELETE FROM service_instances WHERE id = @id", cancellationToken, ("@id", Text(instance))).ConfigureAwait(false);
    }

    /// <summary>
    /// An attempt that ended without a result: the event says why; then the allocation waits in the queue again, or,
    /// after <paramref name="maxAttempts"/> attempts, stays interrupted until someone asks for /resolve.
    /// </summary>
    private async Task GiveUp(DbConnection connection, DbTransaction transaction, string id, int attempts, int maxAttempts,
        DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        await AddEvent(connection, transaction, id, now, AllocationStatus.Interrupted, reason, cancellationToken).ConfigureAwait(false);
        if (attempts < maxAttempts)
        {
            await Execute(connection, transaction,
                $"UPDATE allocations SET status = '{AllocationStatus.Queued}', attempts = attempts + 1, started = NULL, lease_owner = NULL WHERE id = @id",
                cancellationToken, ("@id", Text(id))).ConfigureAwait(false);
            await AddEvent(connection, transaction, id, now, AllocationStatus.Queued,
                $"back in the queue for attempt {attempts + 1} of {maxAttempts}", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Execute(connection, transaction,
                $"UPDATE allocations SET status = '{AllocationStatus.Interrupted}', finished = @finished, lease_owner = NULL, error = @error WHERE id = @id",
                cancellationToken, ("@finished", Time(now)), ("@id", Text(id)),
                ("@error", Text($"{reason}; after {attempts} attempt(s) it is left for POST /v1/allocations/{id}/resolve"))).ConfigureAwait(false);
        }
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override (object Value, DbType Type) Time(DateTimeOffset time) => (time.ToUniversalTime(), DbType.DateTimeOffset);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
