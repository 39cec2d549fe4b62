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
            DefaultValueFactory = _ => 16,
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
            urls, db, postgres, apiKey, maxConcurrent, queue, maxBodyMb, verbose,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Guard.Run(parse.GetValue(verbose), () =>
        {
            var key = parse.GetValue(apiKey);
            if (string.IsNullOrEmpty(key)) key = Environment.GetEnvironmentVariable(ApiKeyVariable);
            var options = new ServiceOptions
            {
                Urls = parse.GetValue(urls)!,
                SqlitePath = parse.GetValue(db)!,
                PostgresConnectionString = string.IsNullOrEmpty(parse.GetValue(postgres)) ? null : parse.GetValue(postgres),
                ApiKey = string.IsNullOrEmpty(key) ? null : key,
                MaxConcurrent = parse.GetValue(maxConcurrent),
                QueueLength = parse.GetValue(queue),
                MaxBodyBytes = parse.GetValue(maxBodyMb) * 1024L * 1024L,
            };
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
