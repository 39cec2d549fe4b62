using System.Text;
using Allocator.Models;
using Allocator.Service.Audit;
using Allocator.Solver;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Allocator.Service;

/// <summary>
/// Runs one stored allocation through the solve queue and records how it ended. The solve runs on its own
/// thread (it is CPU-bound and may take minutes, which would starve the thread pool that serves
/// <c>/health</c>), and is cancelled when the client disconnects or the service stops.
/// </summary>
internal sealed partial class AllocationRunner(
    IAuditStore store,
    SolveQueue queue,
    ServiceOptions options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<AllocationRunner> logger)
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public IAuditStore Store => store;

    public SolveQueue Queue => queue;

    public ServiceOptions Options => options;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Waits for a slot, solves, stores the outcome and returns the response: the result with
    /// <paramref name="successStatus"/>, or a problem. The allocation must already be stored as queued.
    /// </summary>
    public async Task<IResult> SolveAsync(HttpContext context, string id, ReadOnlyMemory<byte> json, SolveQueue.Ticket ticket, int successStatus)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var token = cancellation.Token;
        DateTimeOffset? started = null;
        try
        {
            await ticket.WaitForSlotAsync(token).ConfigureAwait(false);
            started = Now;
            await store.MarkRunningAsync(id, started.Value, CancellationToken.None).ConfigureAwait(false);
            var outcome = await Task.Factory.StartNew(
                () => options.Solve(json, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            var finished = Now;
            if (outcome.Result is not { } result)
            {
                var error = "the engine rejected the stored request: " + string.Join("; ", outcome.Errors);
                await store.CompleteAsync(id, new Completion(AllocationStatus.Failed, started, finished, AllocationEngine.Version, Error: error), CancellationToken.None)
                    .ConfigureAwait(false);
                LogFailed(id, error);
                return Problems.SolveFailed(id);
            }
            var text = AllocatorJson.Serialize(result) + "\n";
            await store.CompleteAsync(id, new Completion(result.Status, started, finished, AllocationEngine.Version, text,
                result.Summary.Value, result.Summary.Committed, result.Message), CancellationToken.None).ConfigureAwait(false);
            LogSolved(id, result.Status, (finished - started.Value).TotalSeconds);
            context.Response.Headers.Location = $"/v1/allocations/{id}";
            return Results.Text(text, JsonContentType, Encoding.UTF8, successStatus);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
            var completion = stopping
                ? new Completion(AllocationStatus.Interrupted, started, Now, AllocationEngine.Version,
                    Error: "the service stopped before the solve finished; POST /v1/allocations/{id}/resolve solves it again")
                : new Completion(AllocationStatus.Cancelled, started, Now, AllocationEngine.Version,
                    Error: "the client disconnected before the result was ready");
            await store.CompleteAsync(id, completion, CancellationToken.None).ConfigureAwait(false);
            LogCancelled(id, completion.Status);
            return stopping ? Problems.ShuttingDown(id) : Results.Empty;
        }
        catch (Exception e)
        {
            LogCrashed(e, id);
            await store.CompleteAsync(id, new Completion(AllocationStatus.Failed, started, Now, AllocationEngine.Version, Error: e.Message),
                CancellationToken.None).ConfigureAwait(false);
            return Problems.SolveFailed(id);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "allocation {Id}: {Status} in {Seconds:0.###} s")]
    private partial void LogSolved(string id, string status, double seconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "allocation {Id}: {Status}")]
    private partial void LogCancelled(string id, string status);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "allocation {Id}: failed: {Error}")]
    private partial void LogFailed(string id, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "allocation {Id}: the solve failed")]
    private partial void LogCrashed(Exception exception, string id);
}
