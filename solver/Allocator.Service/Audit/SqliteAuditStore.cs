using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Allocator.Service.Audit;

/// <summary>
/// The default audit store: a SQLite file, created on first start, in WAL mode with <c>synchronous=FULL</c>, so
/// a committed write survives a killed process (and a power cut). Timestamps are ISO 8601 UTC text.
/// </summary>
internal sealed class SqliteAuditStore : SqlAuditStore
{
    private readonly string _connectionString;

    public SqliteAuditStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public override string Description => $"SQLite {Path}";

    protected override IEnumerable<string> SchemaStatements =>
    [
        "PRAGMA journal_mode = WAL",
        """
        CREATE TABLE IF NOT EXISTS allocations (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            name TEXT,
            received TEXT NOT NULL,
            input_sha256 TEXT NOT NULL,
            engine_version TEXT NOT NULL,
            request BLOB NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            started TEXT,
            finished TEXT,
            duration_ms REAL,
            value REAL,
            committed REAL,
            result TEXT,
            error TEXT,
            lane TEXT NOT NULL DEFAULT 'small')
        """,
        "CREATE INDEX IF NOT EXISTS allocations_status ON allocations (status)",
        """
        CREATE TABLE IF NOT EXISTS allocation_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            allocation_id TEXT NOT NULL,
            at TEXT NOT NULL,
            status TEXT NOT NULL,
            detail TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS allocation_events_allocation ON allocation_events (allocation_id, seq)",
    ];

    protected override async Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // SQLite has no ADD COLUMN IF NOT EXISTS: look first. 'lane' came with the two solve lanes.
        await using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('allocations') WHERE name = 'lane'";
        if (Convert.ToInt64(await columns.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0) return;
        await using var add = connection.CreateCommand();
        add.CommandText = "ALTER TABLE allocations ADD COLUMN lane TEXT NOT NULL DEFAULT 'small'";
        await add.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            // Per connection: fsync the WAL at every commit, and wait for a busy writer rather than fail.
            pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override (object Value, DbType Type) Time(DateTimeOffset time) =>
        (time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), DbType.String);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override ValueTask DisposeAsync()
    {
        // Closes pooled connections so the WAL is checkpointed and the file can be moved or deleted.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
