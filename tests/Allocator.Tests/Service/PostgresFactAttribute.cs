using System.Runtime.CompilerServices;
using Allocator.Service.Audit;
using Npgsql;

namespace Allocator.Tests.Service;

/// <summary>
/// The PostgreSQL server of the tests: the connection string in ALLOCATOR_TEST_POSTGRES (.ci/postgres.sh starts
/// one and prints it). Each store gets a schema of its own, dropped afterwards, so tests never see each other.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "ALLOCATOR_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    /// <summary>A fresh empty schema and a connection string that uses it.</summary>
    public static async Task<TestSchema> CreateSchemaAsync()
    {
        var connectionString = ConnectionString ?? throw new InvalidOperationException($"{Variable} is not set");
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = name };
        return new TestSchema(connectionString, name, builder.ConnectionString);
    }

    public static async Task<(PostgresAuditStore Store, TestSchema Schema)> CreateStoreAsync()
    {
        var schema = await CreateSchemaAsync();
        return (new PostgresAuditStore(schema.ConnectionString), schema);
    }
}

/// <summary>A schema of the test database; disposing it drops it.</summary>
internal sealed record TestSchema(string ServerConnectionString, string Name, string ConnectionString) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that is skipped, saying why, when no PostgreSQL server is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute([CallerMemberName] string test = "", [CallerFilePath] string file = "")
    {
        if (TestPostgres.ConnectionString is null)
        {
            Skip = $"no PostgreSQL server: set {TestPostgres.Variable} (eval \"$(bash .ci/postgres.sh)\" starts one on 127.0.0.1:55432)";
            DisplayName = SkippedTests.Name(file, test, Skip);
        }
    }
}
