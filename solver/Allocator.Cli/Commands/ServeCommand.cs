using System.CommandLine;
using Allocator.Service;

namespace Allocator.Cli.Commands;

/// <summary><c>allocator serve</c>: the HTTP service for planners' tools and other services (docs/service.md).</summary>
internal static class ServeCommand
{
    public const string ApiKeyVariable = "ALLOCATOR_API_KEY";

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (port 0 picks a free port)",
            DefaultValueFactory = _ => ServiceOptions.DefaultUrls,
        };
        var db = new Option<string>("--db")
        {
            Description = "SQLite file of the audit trail, created on first start",
            DefaultValueFactory = _ => "allocator.db",
        };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Keep the audit trail in PostgreSQL instead (an Npgsql connection string: Host=...;Database=...;Username=...;Password=...)",
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"Require 'Authorization: Bearer KEY' on every endpoint but /health (default: ${ApiKeyVariable}, if set)",
        };
        var maxConcurrent = new Option<int>("--max-concurrent")
        {
            Description = "Solves that run at once (default: the number of cores)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var queue = new Option<int>("--queue")
        {
            Description = "Requests that may wait for a solver; beyond that the service answers 503 with Retry-After",
            DefaultValueFactory = _ => ServiceOptions.DefaultQueueLength,
        };
        var allowNoKey = new Option<bool>("--allow-no-key")
        {
            Description = "Serve without an API key on an address beyond loopback (refused otherwise)",
        };
        var timeLimit = new Option<double?>("--time-limit")
        {
            Description = "Time limit of every solve in seconds (default: from the model's size, 30 s plus 1 s per 1,000 estimated LP columns, at most 600 s); a request's solver.timeLimitSeconds may shorten it",
        };
        var maxConcurrentLarge = new Option<int>("--max-concurrent-large")
        {
            Description = "Solves of large models that run at once, in a lane of their own (default: half the cores, at least 1)",
            DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount / 2),
        };
        var queueLarge = new Option<int>("--queue-large")
        {
            Description = "Large requests that may wait for their lane",
            DefaultValueFactory = _ => ServiceOptions.DefaultLargeQueueLength,
        };
        var instanceId = new Option<string?>("--instance-id")
        {
            Description = "This instance's name in the shared queue's leases, with --postgres (default: host, process id and a random suffix)",
        };
        var leaseSeconds = new Option<double>("--lease-seconds")
        {
            Description = "With --postgres: how long an instance's lease on its solves lasts without a heartbeat; after it, another instance re-queues them",
            DefaultValueFactory = _ => 30,
        };
        var maxAttempts = new Option<int>("--max-attempts")
        {
            Description = "With --postgres: solves an allocation may start before an expired lease leaves it interrupted instead of re-queued",
            DefaultValueFactory = _ => 3,
        };
        var maxBodyMb = new Option<int>("--max-body-mb")
        {
            Description = "Largest request body in MB; larger ones get 413",
            DefaultValueFactory = _ => (int)(ServiceOptions.DefaultMaxBodyBytes / (1024 * 1024)),
        };
        maxConcurrent.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--max-concurrent must be at least 1"); });
        queue.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--queue must be 0 or more"); });
        maxBodyMb.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 2047) r.AddError("--max-body-mb must be from 1 to 2047"); });
        var verbose = CommonOptions.Verbose();

        var command = new Command("serve", "Run the HTTP service: POST /v1/allocations solves a request and keeps it and its result in the audit trail")
        {
            urls, db, postgres, apiKey, allowNoKey, maxConcurrent, queue, maxConcurrentLarge, queueLarge, timeLimit, maxBodyMb,
            instanceId, leaseSeconds, maxAttempts, verbose,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Guard.Run(parse.GetValue(verbose), () =>
        {
            // A key given empty (an unset variable in a deploy script) is refused, not taken as "no key".
            var (key, keySource) = parse.GetResult(apiKey) is not null
                ? (parse.GetValue(apiKey) ?? "", "--api-key")
                : (Environment.GetEnvironmentVariable(ApiKeyVariable), ApiKeyVariable);
            var lease = TimeSpan.FromSeconds(parse.GetValue(leaseSeconds));
            var options = new ServiceOptions
            {
                Urls = parse.GetValue(urls)!,
                SqlitePath = parse.GetValue(db)!,
                PostgresConnectionString = string.IsNullOrEmpty(parse.GetValue(postgres)) ? null : parse.GetValue(postgres),
                ApiKey = key,
                ApiKeySource = keySource,
                AllowNoKey = parse.GetValue(allowNoKey),
                MaxConcurrent = parse.GetValue(maxConcurrent),
                QueueLength = parse.GetValue(queue),
                MaxConcurrentLarge = parse.GetValue(maxConcurrentLarge),
                LargeQueueLength = parse.GetValue(queueLarge),
                TimeLimitSeconds = parse.GetValue(timeLimit),
                MaxBodyBytes = parse.GetValue(maxBodyMb) * 1024L * 1024L,
                LeaseDuration = lease,
                PollInterval = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, Math.Max(1, lease.Ticks / 5))),
                MaxAttempts = parse.GetValue(maxAttempts),
            };
            if (parse.GetValue(instanceId) is { Length: > 0 } instance) options = options with { InstanceId = instance };
            if (options.Problem() is { } problem)
            {
                Console.Error.WriteLine($"allocator: {problem}");
                return ExitCodes.InvalidInput;
            }
            try
            {
                AllocatorService.RunAsync(options, Console.Out, cancellationToken).GetAwaiter().GetResult();
            }
            catch (IOException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Typically the port is taken: say so in one line rather than as an internal error.
                Console.Error.WriteLine($"allocator: cannot serve on {options.Urls}: {e.Message}");
                return ExitCodes.InternalError;
            }
            catch (System.Data.Common.DbException e) when (!cancellationToken.IsCancellationRequested)
            {
                var where = options.PostgresConnectionString is null ? $"SQLite database '{options.SqlitePath}'" : "PostgreSQL database";
                Console.Error.WriteLine($"allocator: cannot use the {where} of the audit trail: {e.Message}");
                return ExitCodes.InternalError;
            }
            return ExitCodes.Ok;
        })));
        return command;
    }
}
