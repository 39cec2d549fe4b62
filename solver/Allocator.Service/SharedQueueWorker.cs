using Allocator.Service.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Allocator.Service;

/// <summary>
/// With a shared queue (PostgreSQL): keeps this instance's lease alive, recovers the work of instances whose
/// lease expired, and takes queued allocations (accepted by any instance) while this instance has free slots
/// in their lane. With a SQLite store it does nothing.
/// </summary>
internal sealed partial class SharedQueueWorker(
    IAuditStore store,
    AllocationRunner runner,
    ServiceOptions options,
    ILogger<SharedQueueWorker> logger) : BackgroundService
{
    private readonly List<Task> _solves = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not ISharedQueue shared) return;
        await Task.Yield(); // let start-up finish
        await Task.WhenAll(HeartbeatAsync(shared, stoppingToken), TakeWorkAsync(shared, stoppingToken)).ConfigureAwait(false);
        Task[] solves;
        lock (_solves) solves = [.. _solves];
        await Task.WhenAll(solves).ConfigureAwait(false); // each releases its allocation to the queue as the service stops
        try
        {
            await shared.LeaveAsync(options.InstanceId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or IOException)
        {
            LogDatabase(e, "leave"); // the lease then simply expires
        }
    }

    private async Task HeartbeatAsync(ISharedQueue shared, CancellationToken stoppingToken)
    {
        var every = options.LeaseDuration / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await shared.HeartbeatAsync(options.InstanceId, options.LeaseDuration, stoppingToken).ConfigureAwait(false);
                var recovered = await shared.RecoverExpiredAsync(options.MaxAttempts, runner.Now, stoppingToken).ConfigureAwait(false);
                if (recovered > 0) LogRecovered(recovered);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is System.Data.Common.DbException or TimeoutException or IOException)
            {
                LogDatabase(e, "heartbeat");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try { await Task.Delay(every, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task TakeWorkAsync(ISharedQueue shared, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var lane in new[] { SolveLanes.SmallName, SolveLanes.LargeName })
                    while (!stoppingToken.IsCancellationRequested && await TryTakeAsync(shared, lane, stoppingToken).ConfigureAwait(false)) { }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is System.Data.Common.DbException or TimeoutException or IOException)
            {
                LogDatabase(e, "take queued work");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try { await Task.Delay(options.PollInterval, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Claims and starts one queued allocation of <paramref name="lane"/> if a slot is free; false when there was none to take.</summary>
    private async Task<bool> TryTakeAsync(ISharedQueue shared, string lane, CancellationToken stoppingToken)
    {
        var ticket = runner.Lanes[lane].TryAdmit();
        if (ticket is null) return false;
        (string Id, byte[] Request)? claimed = null;
        try
        {
            if (ticket.TryTakeSlotNow())
                claimed = await shared.ClaimNextAsync(lane, options.InstanceId, runner.Now, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            if (claimed is null)
            {
                ticket.ReleaseSlot();
                ticket.Dispose();
            }
        }
        if (claimed is not { } work) return false;
        var solve = Task.Run(async () =>
        {
            using (ticket)
            {
                try
                {
                    await runner.SolveClaimedAsync(shared, work.Id, work.Request, SolveCost.Of(work.Request)).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // Recording failed (the database went away): the lease expires and another instance takes it over.
                    LogDatabase(e, $"record allocation {work.Id}");
                }
            }
        }, CancellationToken.None);
        lock (_solves)
        {
            _solves.RemoveAll(t => t.IsCompleted);
            _solves.Add(solve);
        }
        return true;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "shared queue: {Count} allocation(s) of instances whose lease expired were put back in the queue or marked interrupted")]
    private partial void LogRecovered(int count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "shared queue: could not {What}")]
    private partial void LogDatabase(Exception exception, string what);
}
