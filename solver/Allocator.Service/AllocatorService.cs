using Allocator.Models;
using Allocator.Service.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Allocator.Service;

/// <summary>Builds and runs the HTTP service: <c>allocator serve</c>, and the tests, start it through here.</summary>
internal static class AllocatorService
{
    /// <summary>
    /// Opens the audit store (creating its tables; with SQLite, marking requests left running by a killed service
    /// as interrupted; with PostgreSQL, joining the shared queue and recovering the work of instances whose lease
    /// expired) and builds the application. <paramref name="configure"/> lets tests swap the server.
    /// </summary>
    public static async Task<(WebApplication App, int Interrupted)> BuildAsync(
        ServiceOptions options, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        if (options.Problem() is { } problem) throw new ArgumentException(problem, nameof(options));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            // Production always: the development exception page would show stack traces.
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(AllocatorService).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss ";
            console.UseUtcTimestamp = true;
        });
        // Logs go to stderr; stdout carries only the start-up lines. A failure to start is reported by the caller
        // in one sentence, so the host's own error (with its stack trace) is not logged.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console =>
            console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServiceJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, AllocatorJsonContext.Default);
        });
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            // Routing refuses a non-JSON body before the endpoint runs; say what to send, as the endpoint would.
            if (problem.Status == StatusCodes.Status415UnsupportedMediaType && problem.Detail is null)
            {
                problem.Title = "The request body must be JSON";
                problem.Detail = $"Content-Type '{context.HttpContext.Request.ContentType}' is not JSON; send the request JSON with 'Content-Type: application/json'.";
            }
        });
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Allocator";
            document.Info.Version = Solver.AllocationEngine.Version;
            document.Info.Description = "Allocates donor money to defence production lines (contract v1). See docs/service.md.";
            return Task.CompletedTask;
        }));

        var store = options.Store ?? (options.PostgresConnectionString is { } postgres
            ? new PostgresAuditStore(postgres)
            : new SqliteAuditStore(options.SqlitePath));
        int interrupted;
        try
        {
            interrupted = await store.InitializeAsync(DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            if (store is ISharedQueue shared)
                interrupted += await shared.JoinAsync(options.InstanceId, options.LeaseDuration, options.MaxAttempts, DateTimeOffset.UtcNow, cancellationToken)
                    .ConfigureAwait(false);
        }
        catch
        {
            if (options.Store is null) await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        if (options.Store is null)
            builder.Services.AddSingleton<IAuditStore>(_ => store); // created here, so the container disposes it
        else
            builder.Services.AddSingleton(store); // the caller's: the caller disposes it
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new SolveLanes(options));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AllocationRunner>();
        builder.Services.AddHostedService<SharedQueueWorker>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!string.IsNullOrEmpty(options.ApiKey))
            app.UseMiddleware<ApiKeyMiddleware>(options.ApiKey);
        app.MapOpenApi();
        Endpoints.Map(app);
        return (app, interrupted);
    }

    /// <summary>Runs the service until <paramref name="cancellationToken"/> fires or the process is told to stop.</summary>
    public static async Task RunAsync(ServiceOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var (app, interrupted) = await BuildAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var store = app.Services.GetRequiredService<IAuditStore>();
            output.WriteLine($"allocator: audit trail in {store.Description}; {options.MaxConcurrent} solves at once, {options.QueueLength} waiting; " +
                $"large models: {options.MaxConcurrentLarge} at once, {options.LargeQueueLength} waiting; API key {(string.IsNullOrEmpty(options.ApiKey) ? "off" : "on")}");
            if (store is ISharedQueue)
            {
                output.WriteLine($"allocator: instance {options.InstanceId} in the shared queue (lease {options.LeaseDuration.TotalSeconds:0.###} s)");
                if (interrupted > 0)
                    output.WriteLine($"allocator: {interrupted} request(s) of instances whose lease expired were put back in the queue (or marked interrupted after {options.MaxAttempts} attempts)");
            }
            else if (interrupted > 0)
                output.WriteLine($"allocator: {interrupted} request(s) left unfinished by the previous run are marked interrupted (POST /v1/allocations/{{id}}/resolve solves one again)");
            if (string.IsNullOrEmpty(options.ApiKey) && !app.Urls.All(ServiceOptions.IsLoopback))
                output.WriteLine("allocator: warning: listening beyond loopback without an API key (--allow-no-key); anyone who can reach this port can use the service");
            // Last, so that whoever waits for this line knows that start-up is complete.
            output.WriteLine($"allocator: serving on {string.Join(", ", app.Urls)}");
            output.Flush();
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
    }

}
