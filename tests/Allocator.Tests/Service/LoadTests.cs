using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Allocator.Models;
using Allocator.Service.Audit;
using Allocator.Solver;

namespace Allocator.Tests.Service;

/// <summary>The solve queue under load, on real Kestrel over loopback.</summary>
[Collection(TimingSensitive.Name)]
public sealed class LoadTests
{
    [Fact]
    public async Task Fifty_concurrent_clients_get_a_correct_result_or_a_clean_503_and_health_stays_responsive()
    {
        const int clients = 50;
        var request = TestService.Example("ukraine-2024.json");
        var reference = AllocationEngine.Solve(request).Result!;
        var firstRefusal = new TaskCompletionSource();
        // The real engine, but the first solves hold their slots until the queue has refused someone (or the gate's
        // 5 s pass), so that the limit is exercised however fast this machine is.
        var gate = TimeSpan.FromSeconds(5);
        await using var service = await TestService.StartAsync(kestrel: true, maxConcurrent: 2, queueLength: 4, solve: (json, token) =>
        {
            firstRefusal.Task.Wait(gate, token);
            return AllocationEngine.Solve(json, null, token);
        });

        using var load = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var healthTimes = new List<double>();
        var healthFailures = 0;
        var done = false;
        var healthLoop = Task.Run(async () =>
        {
            using var health = new HttpClient { BaseAddress = service.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            while (!Volatile.Read(ref done) && !load.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await health.GetAsync("/health", load.Token);
                    if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref healthFailures);
                }
                catch (Exception) when (!load.IsCancellationRequested)
                {
                    Interlocked.Increment(ref healthFailures);
                }
                lock (healthTimes) healthTimes.Add(watch.Elapsed.TotalSeconds);
                await Task.Delay(50, load.Token);
            }
        });

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new HttpClient { BaseAddress = service.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var watch = Stopwatch.StartNew();
        var posts = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            using var response = await client.PostAsync("/v1/allocations", TestService.Json(request), load.Token);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) firstRefusal.TrySetResult();
            var body = await response.Content.ReadAsStringAsync(load.Token);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType, Body: body);
        })).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(posts);
        var elapsed = watch.Elapsed;
        Volatile.Write(ref done, true);
        await healthLoop;

        var created = outcomes.Where(o => o.StatusCode == HttpStatusCode.Created).ToList();
        var refused = outcomes.Where(o => o.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(clients, created.Count + refused.Count);
        Assert.NotEmpty(created);
        Assert.NotEmpty(refused);
        foreach (var ok in created)
        {
            var result = TestService.ReadResult(ok.Body);
            Assert.Equal(reference.Status, result.Status);
            Assert.Equal(reference.Summary.Value, result.Summary.Value, 9);
            Assert.Equal(reference.Summary.Committed, result.Summary.Committed, 3);
        }
        foreach (var no in refused)
        {
            Assert.NotNull(no.RetryAfter);
            Assert.InRange(no.RetryAfter.Value.TotalSeconds, 1, 60);
            Assert.Equal("application/problem+json", no.MediaType);
            Assert.Contains("queue is full", no.Body);
        }

        // Nothing lost, nothing invented: exactly the accepted requests are in the audit trail, all solved.
        var stored = (await service.Store.ListAsync(1000, null, default))!;
        Assert.Equal(created.Count, stored.Count);
        Assert.All(stored, s => Assert.Equal("optimal", s.Status));

        Assert.Equal(0, healthFailures);
        Assert.NotEmpty(healthTimes);
        // A probe queued behind the solves would wait for the gate (5 s) at least; the bound is half of it, not a
        // latency target: 1 s failed one run in three on the 2-core machine under this load (1.18 s), while the
        // probes' own work is milliseconds.
        Assert.True(healthTimes.Max() < gate.TotalSeconds / 2, $"slowest /health took {healthTimes.Max():0.000} s");
        Console.WriteLine($"load: {created.Count} created, {refused.Count} refused with 503 in {elapsed.TotalSeconds:0.00} s; " +
                          $"{healthTimes.Count} health probes, slowest {healthTimes.Max() * 1000:0} ms");
    }

    [Fact]
    public async Task The_queue_holds_max_concurrent_plus_queue_length_and_refuses_the_rest()
    {
        using var gate = new SemaphoreSlim(0);
        var started = 0;
        await using var service = await TestService.StartAsync(maxConcurrent: 1, queueLength: 1, solve: (json, token) =>
        {
            Interlocked.Increment(ref started);
            gate.Wait(token);
            return AllocationEngine.Solve(json, null, token);
        });
        var request = TestService.Example("teaching-two-donors.json");
        var running = service.Client.PostAsync("/v1/allocations", TestService.Json(request));
        await WaitUntil(() => Volatile.Read(ref started) == 1);
        var waiting = service.Client.PostAsync("/v1/allocations", TestService.Json(request));
        await WaitUntil(async () => (await service.Store.ListAsync(10, null, default))!.Count == 2);

        using (var health = await service.Client.GetAsync("/health"))
        {
            var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal((1, 1), (report.GetProperty("running").GetInt32(), report.GetProperty("waiting").GetInt32()));
        }
        var statuses = (await service.Store.ListAsync(10, null, default))!.Select(s => s.Status).Order();
        Assert.Equal([AllocationStatus.Queued, AllocationStatus.Running], statuses);

        using (var refused = await service.Client.PostAsync("/v1/allocations", TestService.Json(request)))
        {
            await TestService.ProblemAsync(refused, 503);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(2, (await service.Store.ListAsync(10, null, default))!.Count);

        gate.Release(2);
        using var first = await running;
        using var second = await waiting;
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        var third = service.Client.PostAsync("/v1/allocations", TestService.Json(request));
        gate.Release();
        using var again = await third;
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task A_client_that_disconnects_cancels_its_solve()
    {
        var solveStarted = new TaskCompletionSource();
        var solveCancelled = new TaskCompletionSource();
        await using var service = await TestService.StartAsync(kestrel: true, solve: (_, token) =>
        {
            solveStarted.TrySetResult();
            try
            {
                Task.Delay(TimeSpan.FromSeconds(30), token).Wait(token);
            }
            catch (OperationCanceledException)
            {
                solveCancelled.TrySetResult();
                throw;
            }
            throw new InvalidOperationException("the solve was not cancelled");
        });

        using var client = new HttpClient { BaseAddress = service.Client.BaseAddress };
        using var abandon = new CancellationTokenSource();
        var post = client.PostAsync("/v1/allocations", TestService.Json(TestService.Example("teaching-two-donors.json")), abandon.Token);
        await solveStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        abandon.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);

        await solveCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitUntil(async () => (await service.Store.ListAsync(1, null, default))![0].Status == AllocationStatus.Cancelled);
        var summary = (await service.Store.ListAsync(1, null, default))![0];
        Assert.Contains("disconnected", summary.Error);
        using var health = await service.Client.GetAsync("/health");
        var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, report.GetProperty("running").GetInt32());
    }

    [Fact]
    public async Task A_client_that_disconnects_while_waiting_frees_its_place_in_the_queue()
    {
        using var gate = new SemaphoreSlim(0);
        var started = 0;
        await using var service = await TestService.StartAsync(kestrel: true, maxConcurrent: 1, queueLength: 1, solve: (json, token) =>
        {
            Interlocked.Increment(ref started);
            gate.Wait(token);
            return AllocationEngine.Solve(json, null, token);
        });
        var request = TestService.Example("teaching-two-donors.json");
        using var client = new HttpClient { BaseAddress = service.Client.BaseAddress };
        var running = client.PostAsync("/v1/allocations", TestService.Json(request));
        await WaitUntil(() => Volatile.Read(ref started) == 1);
        using var abandon = new CancellationTokenSource();
        var waiting = client.PostAsync("/v1/allocations", TestService.Json(request), abandon.Token);
        await WaitUntil(async () => (await service.Store.ListAsync(10, null, default))!.Count == 2);
        abandon.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await WaitUntil(async () => (await service.Store.ListAsync(10, null, default))!.Any(s => s.Status == AllocationStatus.Cancelled));

        // Its place is free again: one more may wait.
        var third = client.PostAsync("/v1/allocations", TestService.Json(request));
        await WaitUntil(async () => (await service.Store.ListAsync(10, null, default))!.Count == 3);
        gate.Release(2);
        using var first = await running;
        using var last = await third;
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, last.StatusCode));
        Assert.Equal(2, Volatile.Read(ref started)); // the abandoned request never reached the solver
    }

    [Fact]
    public async Task Kestrel_answers_413_for_a_body_over_the_limit()
    {
        await using var service = await TestService.StartAsync(kestrel: true, maxBodyBytes: 1024);
        using var response = await service.Client.PostAsync("/v1/allocations", TestService.Json(new byte[4096]));
        await TestService.ProblemAsync(response, 413);
        using var health = await service.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    internal static Task WaitUntil(Func<bool> condition) => WaitUntil(() => Task.FromResult(condition()));

    internal static async Task WaitUntil(Func<Task<bool>> condition, double seconds = 15)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed.TotalSeconds > seconds) throw new TimeoutException($"condition not met within {seconds} s");
            await Task.Delay(20);
        }
    }
}
