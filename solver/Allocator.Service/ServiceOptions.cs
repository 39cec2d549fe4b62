using System.Net;
using Allocator.Solver;

namespace Allocator.Service;

/// <summary>Everything <c>allocator serve</c> can be told; the defaults are the documented ones.</summary>
internal sealed record ServiceOptions
{
    /// <summary>The default address: loopback only, so nothing outside this machine reaches an unconfigured service.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The default body limit, 20 MB.</summary>
    public const long DefaultMaxBodyBytes = 20L * 1024 * 1024;

    /// <summary>
    /// The default number of requests that may wait in the small lane: measured, 40 concurrent tiny requests on 2
    /// solver slots all succeed with room to spare (docs/service.md, "The solve queue"); a waiting small request
    /// holds at most <see cref="SolveCost.LargeBodyBytes"/> of body.
    /// </summary>
    public const int DefaultQueueLength = 64;

    /// <summary>The default number of large requests that may wait for a large-lane slot.</summary>
    public const int DefaultLargeQueueLength = 4;

    /// <summary>Addresses to listen on, separated by semicolons (ASP.NET Core's <c>--urls</c> syntax).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>SQLite database file of the audit trail, used unless <see cref="PostgresConnectionString"/> is set.</summary>
    public string SqlitePath { get; init; } = "allocator.db";

    /// <summary>PostgreSQL connection string (Npgsql syntax); when set, the audit trail and the solve queue live there.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>When set, every endpoint but <c>/health</c> requires <c>Authorization: Bearer KEY</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Where <see cref="ApiKey"/> came from, for the start-up error (<c>--api-key</c> or the variable's name).</summary>
    public string ApiKeySource { get; init; } = "--api-key";

    /// <summary>Listening beyond loopback without an API key is refused unless this is set (<c>--allow-no-key</c>).</summary>
    public bool AllowNoKey { get; init; }

    /// <summary>Small-lane solves that run at once; the rest wait.</summary>
    public int MaxConcurrent { get; init; } = Environment.ProcessorCount;

    /// <summary>Requests that may wait for a small-lane slot; beyond that the service answers 503.</summary>
    public int QueueLength { get; init; } = DefaultQueueLength;

    /// <summary>Large-lane solves that run at once, beside the small lane's.</summary>
    public int MaxConcurrentLarge { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Large requests that may wait for a large-lane slot.</summary>
    public int LargeQueueLength { get; init; } = DefaultLargeQueueLength;

    /// <summary>Estimated LP columns from which a request goes to the large lane.</summary>
    public long LargeModelColumns { get; init; } = SolveCost.DefaultLargeColumns;

    /// <summary>
    /// The time limit of every solve, in seconds; null derives it from the model's size (<see cref="SolveCost.DefaultTimeLimitSeconds"/>).
    /// A request's own <c>solver.timeLimitSeconds</c> may shorten it, never lengthen it.
    /// </summary>
    public double? TimeLimitSeconds { get; init; }

    /// <summary>Largest accepted request body, in bytes.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>
    /// How much of a too-large body the service reads and discards before answering 413, so that a client that
    /// sends everything before reading gets the answer instead of a broken connection. Beyond it, the service
    /// answers at once and closes the connection.
    /// </summary>
    public long MaxDiscardBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long a client may take to send a request body; slower ones get 408.</summary>
    public TimeSpan BodyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the host waits for running requests at shutdown before cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>This instance's name in the shared queue's leases (PostgreSQL only); unique per process.</summary>
    public string InstanceId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{AllocationIds.New()[..6]}";

    /// <summary>
    /// How long an instance's lease on its solves lasts without a heartbeat (PostgreSQL only). The instance renews
    /// it every third of this; another instance re-queues the solves of an instance whose lease expired.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle instance looks for queued work and expired leases (PostgreSQL only).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Solves an allocation may start before an expired lease leaves it interrupted instead of re-queued.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The solve itself; tests replace it with a controllable one. It must honour the token.</summary>
    public Func<ReadOnlyMemory<byte>, SolveOptions, CancellationToken, SolveOutcome> Solve { get; init; } =
        static (json, options, token) => AllocationEngine.Solve(json, options, token);

    /// <summary>The audit store; null builds the SQLite or PostgreSQL one from the options above.</summary>
    public Audit.IAuditStore? Store { get; init; }

    /// <summary>A one-line description of the audit store for the start-up message.</summary>
    public string StoreDescription => PostgresConnectionString is not null ? "PostgreSQL" : $"SQLite {SqlitePath}";

    /// <summary>Checks the numbers and the key; returns the first problem as a sentence, or null.</summary>
    public string? Problem()
    {
        if (MaxConcurrent < 1) return "--max-concurrent must be at least 1";
        if (QueueLength < 0) return "--queue must be 0 or more";
        if (MaxConcurrentLarge < 1) return "--max-concurrent-large must be at least 1";
        if (LargeQueueLength < 0) return "--queue-large must be 0 or more";
        if (LargeModelColumns < 1) return "--large-model-columns must be at least 1";
        if (TimeLimitSeconds is { } limit && !(limit > 0 && double.IsFinite(limit))) return "--time-limit must be a positive number of seconds";
        if (MaxBodyBytes < 1) return "--max-body-mb must be more than 0";
        if (string.IsNullOrWhiteSpace(Urls)) return "--urls must name at least one address";
        if (LeaseDuration < TimeSpan.FromSeconds(1)) return "--lease-seconds must be at least 1";
        if (MaxAttempts < 1) return "--max-attempts must be at least 1";
        if (ApiKey is not null)
        {
            if (ApiKey.Trim().Length == 0)
                return $"the API key ({ApiKeySource}) is empty: give a key, or leave {ApiKeySource} out to run without one (an unset variable in a script gives an empty key)";
            if (ApiKey != ApiKey.Trim())
                return $"the API key ({ApiKeySource}) starts or ends with whitespace, so no client could send it; remove the spaces or line breaks around it";
        }
        else if (!AllowNoKey && NonLoopback() is { } url)
            return $"{url} is reachable beyond this machine and no API key is set: give --api-key (or ALLOCATOR_API_KEY), or --allow-no-key to serve without one on purpose";
        return null;
    }

    /// <summary>The first address in <see cref="Urls"/> that is not loopback, or null.</summary>
    private string? NonLoopback() =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(url => !IsLoopback(url));

    /// <summary>Whether <paramref name="url"/> listens on loopback only (<c>localhost</c>, 127.0.0.0/8, ::1); <c>*</c>, <c>+</c> and 0.0.0.0 are not.</summary>
    public static bool IsLoopback(string url)
    {
        // Kestrel's wildcards are not valid URI hosts; they listen everywhere.
        var host = url.Split("://", 2) is [_, var rest] ? rest.Split('/')[0] : url;
        if (host.StartsWith('[')) host = host[..(host.IndexOf(']') + 1)];
        else if (host.LastIndexOf(':') is var colon and > 0) host = host[..colon];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
