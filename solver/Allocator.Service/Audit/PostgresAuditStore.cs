using System.Data;
using System.Data.Common;
using Npgsql;

namespace Allocator.Service.Audit;

/// <summary>
/// The audit trail in PostgreSQL (<c>--postgres CONNSTRING</c>): request bytes as <c>bytea</c>, timestamps as
/// <c>timestamptz</c>. PostgreSQL's commits are durable by default (<c>synchronous_commit = on</c>).
/// </summary>
internal sealed class PostgresAuditStore : SqlAuditStore
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
    ];

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override (object Value, DbType Type) Time(DateTimeOffset time) => (time.ToUniversalTime(), DbType.DateTimeOffset);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
