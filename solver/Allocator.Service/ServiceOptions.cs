using Allocator.Solver;

namespace Allocator.Service;

/// <summary>Everything <c>allocator serve</c> can be told; the defaults are the documented ones.</summary>
internal sealed class ServiceOptions
{
    /// <summary>The default address: loopback only, so nothing outside this machine reaches an unconfigured service.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The default body limit, 20 MB.</summary>
    public const long DefaultMaxBodyBytes = 20L * 1024 * 1024;

    /// <summary>Addresses to listen on, separated by semicolons (ASP.NET Core's <c>--urls</c> syntax).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>SQLite database file of the audit trail, used unless <see cref="PostgresConnectionString"/> is set.</summary>
    public string SqlitePath { get; init; } = "allocator.db";

    /// <summary>PostgreSQL connection string (Npgsql syntax); when set, the audit trail lives there.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>When set, every endpoint but <c>/health</c> requires <c>Authorization: Bearer KEY</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Solves that run at once; the rest wait.</summary>
    public int MaxConcurrent { get; init; } = Environment.ProcessorCount;

    /// <summary>Requests that may wait for a solver slot; beyond that the service answers 503.</summary>
    public int QueueLength { get; init; } = 16;

    /// <summary>Largest accepted request body, in bytes.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>How long the host waits for running requests at shutdown before cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The solve itself; tests replace it with a controllable one. It must honour the token.</summary>
    public Func<ReadOnlyMemory<byte>, CancellationToken, SolveOutcome> Solve { get; init; } =
        static (json, token) => AllocationEngine.Solve(json, null, token);

    /// <summary>The audit store; null builds the SQLite or PostgreSQL one from the options above.</summary>
    public Audit.IAuditStore? Store { get; init; }

    /// <summary>A one-line description of the audit store for the start-up message.</summary>
    public string StoreDescription => PostgresConnectionString is not null ? "PostgreSQL" : $"SQLite {SqlitePath}";

    /// <summary>Checks the numbers; returns the first problem as a sentence, or null.</summary>
    public string? Problem()
    {
        if (MaxConcurrent < 1) return "--max-concurrent must be at least 1";
        if (QueueLength < 0) return "--queue must be 0 or more";
        if (MaxBodyBytes < 1) return "--max-body-mb must be more than 0";
        if (string.IsNullOrWhiteSpace(Urls)) return "--urls must name at least one address";
        return null;
    }
}
