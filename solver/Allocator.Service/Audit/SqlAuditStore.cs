using System.Data;
using System.Data.Common;

namespace Allocator.Service.Audit;

/// <summary>
/// The audit trail in a SQL database: one row per allocation (request bytes, result JSON, timestamps, status)
/// and one row per state change. The SQL is plain enough for SQLite and PostgreSQL alike; the subclasses open
/// connections, create the tables and convert timestamps.
/// </summary>
internal abstract class SqlAuditStore : IAuditStore
{
    protected const string SummaryColumns =
        "id, name, received, input_sha256, status, value, committed, started, finished, duration_ms, engine_version, attempts, error";

    private const string ResolvableStatuses = $"('{AllocationStatus.Interrupted}', '{AllocationStatus.Cancelled}', '{AllocationStatus.Failed}')";

    public abstract string Description { get; }

    /// <summary>An open connection, set up for durable writes.</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Statements that create the tables and indexes if they do not exist.</summary>
    protected abstract IEnumerable<string> SchemaStatements { get; }

    /// <summary>A timestamp as the database stores it.</summary>
    protected abstract (object Value, DbType Type) Time(DateTimeOffset time);

    /// <summary>Reads a timestamp written by <see cref="Time"/>.</summary>
    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Whether start-up marks every queued or running allocation interrupted: true for a store that one process
    /// owns; false where several instances share the database and leases say whose work is left over.
    /// </summary>
    protected virtual bool InterruptsLeftoversAtStart => true;

    /// <summary>Brings tables created by an older version up to date (columns added since).</summary>
    protected virtual Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<int> InitializeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in SchemaStatements)
            await Execute(connection, null, statement, cancellationToken).ConfigureAwait(false);
        await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
        // With a shared queue, unfinished work belongs to other instances until their leases expire.
        if (!InterruptsLeftoversAtStart) return 0;

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        const string leftOver = $"status IN ('{AllocationStatus.Queued}', '{AllocationStatus.Running}')";
        await Execute(connection, transaction,
            $"INSERT INTO allocation_events (allocation_id, at, status, detail) SELECT id, @at, '{AllocationStatus.Interrupted}', @detail FROM allocations WHERE {leftOver}",
            cancellationToken, ("@at", Time(now)), ("@detail", Text("found unfinished when the service started")))
            .ConfigureAwait(false);
        var count = await Execute(connection, transaction,
            $"UPDATE allocations SET status = '{AllocationStatus.Interrupted}', error = @error WHERE {leftOver}",
            cancellationToken, ("@error", Text("the service stopped before the solve finished; POST /v1/allocations/{id}/resolve solves it again")))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    public async Task AddAsync(NewAllocation allocation, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction,
            "INSERT INTO allocations (id, name, received, input_sha256, engine_version, request, status, attempts, lane) " +
            "VALUES (@id, @name, @received, @sha, @engine, @request, @status, 1, @lane)",
            cancellationToken,
            ("@id", Text(allocation.Id)),
            ("@name", Text(allocation.Name)),
            ("@received", Time(allocation.Received)),
            ("@sha", Text(allocation.InputSha256)),
            ("@engine", Text(allocation.EngineVersion)),
            ("@request", (allocation.Request, DbType.Binary)),
            ("@status", Text(AllocationStatus.Queued)),
            ("@lane", Text(allocation.Lane))).ConfigureAwait(false);
        await AddEvent(connection, transaction, allocation.Id, allocation.Received, AllocationStatus.Queued,
            allocation.RevisionOf is { } revised
                ? $"received {allocation.Request.Length} bytes; revision of {revised}"
                : $"received {allocation.Request.Length} bytes", cancellationToken).ConfigureAwait(false);
        if (allocation.RevisionOf is { } previous)
            await AddEvent(connection, transaction, previous, allocation.Received, AllocationStatus.Revised,
                $"revised by {allocation.Id}", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkRunningAsync(string id, DateTimeOffset started, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction, "UPDATE allocations SET status = @status, started = @started WHERE id = @id",
            cancellationToken, ("@status", Text(AllocationStatus.Running)), ("@started", Time(started)), ("@id", Text(id)))
            .ConfigureAwait(false);
        await AddEvent(connection, transaction, id, started, AllocationStatus.Running, null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task CompleteAsync(string id, Completion completion, CancellationToken cancellationToken) =>
        CompleteAsync(id, completion, null, cancellationToken);

    /// <summary>
    /// Records how the attempt ended. With <paramref name="guard"/> (a SQL condition over the row that may use
    /// <c>@owner</c>, and the owner it names), only when the condition holds; returns whether it was recorded.
    /// </summary>
    protected async Task<bool> CompleteAsync(string id, Completion completion, (string Condition, string Owner)? guard, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        double? duration = completion.Started is { } started ? (completion.Finished - started).TotalMilliseconds : null;
        (string, (object?, DbType))[] parameters =
        [
            ("@status", Text(completion.Status)),
            ("@finished", Time(completion.Finished)),
            ("@duration", Number(duration)),
            ("@engine", Text(completion.EngineVersion)),
            ("@result", Text(completion.ResultJson)),
            ("@value", Number(completion.Value)),
            ("@committed", Number(completion.Committed)),
            ("@error", Text(completion.Error)),
            ("@id", Text(id)),
            .. guard is { } g ? [("@owner", Text(g.Owner))] : Array.Empty<(string, (object?, DbType))>(),
        ];
        var changed = await Execute(connection, transaction,
            "UPDATE allocations SET status = @status, finished = @finished, duration_ms = @duration, engine_version = @engine, " +
            "result = @result, value = @value, committed = @committed, error = @error" +
            (guard is null ? " WHERE id = @id" : $", lease_owner = NULL WHERE id = @id AND {guard.Value.Condition}"),
            cancellationToken, parameters).ConfigureAwait(false);
        if (changed == 1)
            await AddEvent(connection, transaction, id, completion.Finished, completion.Status, completion.Error, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<bool> TryRequeueAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changed = await Execute(connection, transaction,
            $"UPDATE allocations SET status = '{AllocationStatus.Queued}', attempts = attempts + 1, started = NULL, finished = NULL, " +
            $"duration_ms = NULL, error = NULL WHERE id = @id AND status IN {ResolvableStatuses}",
            cancellationToken, ("@id", Text(id))).ConfigureAwait(false);
        if (changed == 1)
            await AddEvent(connection, transaction, id, at, AllocationStatus.Queued, "resolve requested", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<AllocationSummary?> GetSummaryAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {SummaryColumns} FROM allocations WHERE id = @id", ("@id", Text(id)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadSummary(reader) : null;
    }

    public Task<string?> GetResultAsync(string id, CancellationToken cancellationToken) =>
        Single(id, "result", static (r, i) => r.GetString(i), cancellationToken);

    public Task<byte[]?> GetRequestAsync(string id, CancellationToken cancellationToken) =>
        Single(id, "request", static (r, i) => (byte[])r.GetValue(i), cancellationToken);

    public async Task<IReadOnlyList<AllocationSummary>?> ListAsync(int limit, string? after, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        long? before = null;
        if (after is not null)
        {
            await using var find = Command(connection, null, "SELECT seq FROM allocations WHERE id = @id", ("@id", Text(after)));
            var seq = await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (seq is null or DBNull) return null;
            before = Convert.ToInt64(seq, System.Globalization.CultureInfo.InvariantCulture);
        }
        await using var command = before is { } b
            ? Command(connection, null, $"SELECT {SummaryColumns} FROM allocations WHERE seq < @before ORDER BY seq DESC LIMIT @limit",
                ("@before", (b, DbType.Int64)), ("@limit", (limit, DbType.Int32)))
            : Command(connection, null, $"SELECT {SummaryColumns} FROM allocations ORDER BY seq DESC LIMIT @limit",
                ("@limit", (limit, DbType.Int32)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<AllocationSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            items.Add(ReadSummary(reader));
        return items;
    }

    public async Task<IReadOnlyList<AuditEvent>> GetEventsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT at, status, detail FROM allocation_events WHERE allocation_id = @id ORDER BY seq", ("@id", Text(id)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            events.Add(new AuditEvent(ReadTime(reader, 0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return events;
    }

    private async Task<T?> Single<T>(string id, string column, Func<DbDataReader, int, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {column} FROM allocations WHERE id = @id", ("@id", Text(id)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? read(reader, 0) : null;
    }

    protected AllocationSummary ReadSummary(DbDataReader r)
    {
        string? OptionalText(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        double? OptionalNumber(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        DateTimeOffset? OptionalTime(int i) => r.IsDBNull(i) ? null : ReadTime(r, i);
        return new AllocationSummary(
            Id: r.GetString(0),
            Name: OptionalText(1),
            Received: ReadTime(r, 2),
            InputSha256: r.GetString(3),
            Status: r.GetString(4),
            Value: OptionalNumber(5),
            Committed: OptionalNumber(6),
            Started: OptionalTime(7),
            Finished: OptionalTime(8),
            DurationMs: OptionalNumber(9),
            EngineVersion: r.GetString(10),
            Attempts: Convert.ToInt32(r.GetValue(11), System.Globalization.CultureInfo.InvariantCulture),
            Error: OptionalText(12));
    }

    protected Task AddEvent(DbConnection connection, DbTransaction transaction, string id, DateTimeOffset at, string status, string? detail,
        CancellationToken cancellationToken) =>
        Execute(connection, transaction, "INSERT INTO allocation_events (allocation_id, at, status, detail) VALUES (@id, @at, @status, @detail)",
            cancellationToken, ("@id", Text(id)), ("@at", Time(at)), ("@status", Text(status)), ("@detail", Text(detail)));

    protected static (object?, DbType) Text(string? value) => (value, DbType.String);

    protected static (object?, DbType) Number(double? value) => (value, DbType.Double);

    protected static async Task<int> Execute(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, (object? Value, DbType Type) Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql,
        params (string Name, (object? Value, DbType Type) Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, (value, type)) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
