using System.Text;
using System.Text.Json;
using Allocator.Models;
using Allocator.Service.Audit;
using Allocator.Solver;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Allocator.Service;

/// <summary>
/// Runs one stored allocation through its lane and records how it ended. The solve runs on its own thread (it
/// is CPU-bound and may take minutes, which would starve the thread pool that serves <c>/health</c>), under a
/// time limit (<see cref="SolveCost"/>). With a SQLite store the service is one process: a solve is cancelled
/// when its client disconnects or the service stops. With a shared queue (PostgreSQL) an accepted request
/// belongs to every instance: it is solved even if its client goes away, by this instance or another, and the
/// client is answered from the audit trail whichever instance solved it.
/// </summary>
internal sealed partial class AllocationRunner(
    IAuditStore store,
    SolveLanes lanes,
    ServiceOptions options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<AllocationRunner> logger)
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public IAuditStore Store => store;

    public SolveLanes Lanes => lanes;

    public ServiceOptions Options => options;

    /// <summary>The shared queue, or null when this process is alone on its store.</summary>
    public ISharedQueue? Shared => store as ISharedQueue;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Waits for a slot, solves, stores the outcome and returns the response: the result with
    /// <paramref name="successStatus"/>, or a problem. The allocation must already be stored as queued.
    /// </summary>
    public Task<IResult> SolveAsync(HttpContext context, string id, ReadOnlyMemory<byte> json, SolveCost cost, SolveQueue.Ticket ticket, int successStatus) =>
        Shared is { } shared
            ? SolveSharedAsync(shared, context, id, json, cost, ticket, successStatus)
            : SolveAloneAsync(context, id, json, cost, ticket, successStatus);

    private async Task<IResult> SolveAloneAsync(HttpContext context, string id, ReadOnlyMemory<byte> json, SolveCost cost, SolveQueue.Ticket ticket, int successStatus)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var token = cancellation.Token;
        DateTimeOffset? started = null;
        try
        {
            await ticket.WaitForSlotAsync(token).ConfigureAwait(false);
            started = Now;
            await store.MarkRunningAsync(id, started.Value, CancellationToken.None).ConfigureAwait(false);
            var completion = await RunAsync(id, json, cost, started.Value, token).ConfigureAwait(false);
            await store.CompleteAsync(id, completion, CancellationToken.None).ConfigureAwait(false);
            return Respond(context, id, completion, successStatus);
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

    private async Task<IResult> SolveSharedAsync(ISharedQueue shared, HttpContext context, string id, ReadOnlyMemory<byte> json, SolveCost cost,
        SolveQueue.Ticket ticket, int successStatus)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            // Wait for a slot here, unless another instance takes the work first.
            while (!await ticket.TryWaitForSlotAsync(options.PollInterval, stopping).ConfigureAwait(false))
            {
                if (context.RequestAborted.IsCancellationRequested) return Results.Empty; // it stays queued for any instance
                if (await store.GetSummaryAsync(id, CancellationToken.None).ConfigureAwait(false) is not { Status: AllocationStatus.Queued })
                    return await AwaitOutcomeAsync(context, id, successStatus).ConfigureAwait(false);
            }
            if (!await shared.TryClaimAsync(id, options.InstanceId, Now, CancellationToken.None).ConfigureAwait(false))
            {
                ticket.ReleaseSlot();
                return await AwaitOutcomeAsync(context, id, successStatus).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return Problems.StoppingShared(id);
        }
        var (completion, recorded) = await SolveClaimedAsync(shared, id, json, cost).ConfigureAwait(false);
        if (completion is null) return Problems.StoppingShared(id);
        // Recorded by another instance after this one's lease expired: the audit trail has the answer.
        return recorded ? Respond(context, id, completion, successStatus) : await AwaitOutcomeAsync(context, id, successStatus).ConfigureAwait(false);
    }

    /// <summary>
    /// Solves an allocation this instance has claimed in the shared queue and records the outcome while it still
    /// owns it. Returns the completion (null when the instance stopped first: then the allocation went back in the
    /// queue) and whether it was recorded.
    /// </summary>
    public async Task<(Completion? Completion, bool Recorded)> SolveClaimedAsync(ISharedQueue shared, string id, ReadOnlyMemory<byte> json, SolveCost cost)
    {
        var started = Now;
        Completion completion;
        try
        {
            completion = await RunAsync(id, json, cost, started, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await shared.ReleaseAsync(id, options.InstanceId, options.MaxAttempts, Now,
                $"instance {options.InstanceId} stopped before the solve finished", CancellationToken.None).ConfigureAwait(false);
            LogCancelled(id, "released to the queue");
            return (null, false);
        }
        catch (Exception e)
        {
            LogCrashed(e, id);
            completion = new Completion(AllocationStatus.Failed, started, Now, AllocationEngine.Version, Error: e.Message);
        }
        var recorded = await shared.CompleteOwnedAsync(id, options.InstanceId, completion, CancellationToken.None).ConfigureAwait(false);
        if (!recorded) LogLostLease(id);
        return (completion, recorded);
    }

    /// <summary>
    /// Answers from the audit trail once the allocation has finished (solved by any instance), polling the store;
    /// for a client whose request another instance took, and for a second /resolve of the same allocation.
    /// </summary>
    public async Task<IResult> AwaitOutcomeAsync(HttpContext context, string id, int successStatus)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            while (true)
            {
                var summary = await store.GetSummaryAsync(id, cancellation.Token).ConfigureAwait(false);
                if (summary is null) return Problems.NotFound(id);
                if (!AllocationStatus.InProgress(summary.Status))
                {
                    var result = await store.GetResultAsync(id, cancellation.Token).ConfigureAwait(false);
                    if (result is null)
                        return summary.Status == AllocationStatus.Failed ? Problems.SolveFailed(id) : Problems.NoResult(summary);
                    context.Response.Headers.Location = $"/v1/allocations/{id}";
                    return Results.Text(result, JsonContentType, Encoding.UTF8, successStatus);
                }
                await Task.Delay(options.PollInterval, time, cancellation.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return lifetime.ApplicationStopping.IsCancellationRequested ? Problems.StoppingShared(id) : Results.Empty;
        }
    }

    /// <summary>
    /// The solve under its time limit, as a completion to record. A backstop cancels an engine that overruns its
    /// limit by far (twice it, plus 30 s), so no solve holds a slot without end.
    /// </summary>
    private async Task<Completion> RunAsync(string id, ReadOnlyMemory<byte> json, SolveCost cost, DateTimeOffset started, CancellationToken token)
    {
        var limit = cost.TimeLimitSeconds(options.TimeLimitSeconds);
        using var backstop = CancellationTokenSource.CreateLinkedTokenSource(token);
        backstop.CancelAfter(TimeSpan.FromSeconds(limit * 2 + 30));
        SolveOutcome outcome;
        try
        {
            var solveOptions = new SolveOptions { TimeLimitSeconds = limit };
            outcome = await Task.Factory.StartNew(
                () => options.Solve(json, solveOptions, backstop.Token), backstop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (backstop.IsCancellationRequested && !token.IsCancellationRequested)
        {
            var error = $"the solve ran far past its time limit of {limit:0.###} s and was stopped";
            LogFailed(id, error);
            return new Completion(AllocationStatus.Failed, started, Now, AllocationEngine.Version, Error: error);
        }
        var finished = Now;
        if (outcome.Result is not { } result)
        {
            var error = "the engine rejected the stored request: " + string.Join("; ", outcome.Errors);
            LogFailed(id, error);
            return new Completion(AllocationStatus.Failed, started, finished, AllocationEngine.Version, Error: error);
        }
        LogSolved(id, result.Status, (finished - started).TotalSeconds);
        return new Completion(result.Status, started, finished, AllocationEngine.Version, ResultText(id, result),
            result.Summary.Value, result.Summary.Committed, result.Message);
    }

    /// <summary>
    /// The result as served and stored: the contract's result with the service's <c>allocationId</c> after
    /// <c>schemaVersion</c>, so a client that reads only the body knows where the allocation lives.
    /// </summary>
    public static string ResultText(string id, AllocationResult result)
    {
        var node = JsonSerializer.SerializeToNode(result, AllocatorJson.Context.AllocationResult)!.AsObject();
        node.Insert(1, "allocationId", id);
        return node.ToJsonString(AllocatorJson.Context.Options) + "\n";
    }

    private IResult Respond(HttpContext context, string id, Completion completion, int successStatus)
    {
        if (completion.ResultJson is not { } text) return Problems.SolveFailed(id);
        context.Response.Headers.Location = $"/v1/allocations/{id}";
        return Results.Text(text, JsonContentType, Encoding.UTF8, successStatus);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "allocation {Id}: {Status} in {Seconds:0.###} s")]
    private partial void LogSolved(string id, string status, double seconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "allocation {Id}: {Status}")]
    private partial void LogCancelled(string id, string status);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "allocation {Id}: failed: {Error}")]
    private partial void LogFailed(string id, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "allocation {Id}: the solve failed")]
    private partial void LogCrashed(Exception exception, string id);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "allocation {Id}: this instance's lease expired before the solve finished; the result of the instance that took it over stands")]
    private partial void LogLostLease(string id);
}
