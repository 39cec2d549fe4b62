using System.Net;
using System.Text.Json;
using Allocator.Models;
using Allocator.Service;
using Allocator.Solver;

namespace Allocator.Tests.Service;

/// <summary>Issue 11, item 10: every solve is bounded, large models cannot starve small ones, and the queue fits real bursts.</summary>
public sealed class LaneTests
{
    private static AllocationRequest Parse(byte[] json) => AllocationEngine.Read(json).Request!;

    [Fact]
    public void The_default_time_limit_grows_with_the_model_and_is_bounded()
    {
        var tiny = SolveCost.Of(Parse(TestService.Example("teaching-two-donors.json")), 1000);
        Assert.InRange(tiny.DefaultTimeLimitSeconds, SolveCost.MinTimeLimitSeconds, SolveCost.MinTimeLimitSeconds + 1);
        var large = SolveCost.Of(Parse(EndpointTests.ScenarioRequest("L")), 1000);
        Assert.True(large.DefaultTimeLimitSeconds > tiny.DefaultTimeLimitSeconds);
        Assert.Equal(SolveCost.MaxTimeLimitSeconds, new SolveCost(50_000_000, 1000).DefaultTimeLimitSeconds);

        // The request may shorten the limit, never lengthen it; the service's option replaces the default.
        Assert.Equal(5, (tiny with { RequestTimeLimitSeconds = 5 }).TimeLimitSeconds(null));
        Assert.Equal(tiny.DefaultTimeLimitSeconds, (tiny with { RequestTimeLimitSeconds = 5000 }).TimeLimitSeconds(null));
        Assert.Equal(100, (tiny with { RequestTimeLimitSeconds = 200 }).TimeLimitSeconds(100));
        Assert.Equal(1000, tiny.TimeLimitSeconds(1000));
    }

    [Fact]
    public void Lanes_split_by_estimated_columns_and_by_body_size()
    {
        var options = new ServiceOptions();
        var lanes = new SolveLanes(options);
        Assert.Equal(SolveLanes.SmallName, lanes.LaneOf(SolveCost.Of(Parse(EndpointTests.ScenarioRequest("L")), 1000)));
        Assert.Equal(SolveLanes.LargeName, lanes.LaneOf(new SolveCost(options.LargeModelColumns, 1000)));
        Assert.Equal(SolveLanes.LargeName, lanes.LaneOf(new SolveCost(10, SolveCost.LargeBodyBytes + 1)));
    }

    /// <summary>Before the fix no limit reached the engine: a heavy request could run for ever.</summary>
    [Fact]
    public async Task Every_solve_gets_a_time_limit_and_the_request_can_shorten_it()
    {
        var limits = new List<double?>();
        await using var service = await TestService.StartAsync(adjust: o => o with
        {
            Solve = (json, solveOptions, token) =>
            {
                lock (limits) limits.Add(solveOptions.TimeLimitSeconds);
                return AllocationEngine.Solve(json, solveOptions, token);
            },
        });
        var example = TestService.Example("ukraine-2024.json");
        using (var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(example)))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var shortened = EndpointTests.ScenarioRequest("S", timeLimitSeconds: 7);
        using (var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(shortened)))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([SolveCost.Of(Parse(example), example.Length).DefaultTimeLimitSeconds, 7.0], limits);
    }

    [Fact]
    public async Task The_service_time_limit_stops_a_long_solve_with_a_valid_answer()
    {
        await using var service = await TestService.StartAsync(adjust: o => o with { TimeLimitSeconds = 0.05 });
        using var response = await service.Client.PostAsync("/v1/allocations", TestService.Json(EndpointTests.ScenarioRequest("M")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = TestService.ReadResult(await response.Content.ReadAsStringAsync());
        Assert.NotEqual("optimal", result.Status);
        Assert.True(result.Diagnostics.SolveSeconds < 5, $"solved for {result.Diagnostics.SolveSeconds} s with a 0.05 s limit");
    }

    /// <summary>
    /// Before the lanes, two large requests held both slots and a small one waited behind them. Here the large ones
    /// are held until the small one has its answer; with one queue the small one would wait for ever.
    /// </summary>
    [Fact]
    public async Task A_small_request_is_answered_while_large_ones_hold_every_large_slot()
    {
        var small = TestService.Example("teaching-two-donors.json");
        var large = TestService.Example("ukraine-2024.json");
        var threshold = SolveCost.Of(Parse(large), large.Length).Columns;
        Assert.True(SolveCost.Of(Parse(small), small.Length).Columns < threshold);
        var release = new TaskCompletionSource();
        var largeStarted = 0;
        await using var service = await TestService.StartAsync(kestrel: true, maxConcurrent: 1, adjust: o => o with
        {
            LargeModelColumns = threshold,
            MaxConcurrentLarge = 1,
            Solve = (json, solveOptions, token) =>
            {
                if (json.Length == large.Length)
                {
                    Interlocked.Increment(ref largeStarted);
                    release.Task.Wait(TimeSpan.FromSeconds(120), token);
                }
                return AllocationEngine.Solve(json, solveOptions, token);
            },
        });

        var first = service.Client.PostAsync("/v1/allocations", TestService.Json(large));
        var second = service.Client.PostAsync("/v1/allocations", TestService.Json(large));
        await LoadTests.WaitUntil(() => Task.FromResult(Volatile.Read(ref largeStarted) == 1), seconds: 60);
        await LoadTests.WaitUntil(async () =>
        {
            var lane = JsonDocument.Parse(await service.Client.GetStringAsync("/health")).RootElement.GetProperty("large");
            return lane.GetProperty("running").GetInt32() == 1 && lane.GetProperty("waiting").GetInt32() == 1;
        }, seconds: 60);

        using (var answered = await service.Client.PostAsync("/v1/allocations", TestService.Json(small)).WaitAsync(TimeSpan.FromSeconds(60)))
            Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.False(first.IsCompleted && second.IsCompleted);
        release.SetResult();
        using var one = await first;
        using var two = await second;
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (one.StatusCode, two.StatusCode));
    }
}

/// <summary>The default queue against a burst of tiny requests, on real Kestrel (run alone: it is a burst).</summary>
[Collection(TimingSensitive.Name)]
public sealed class QueueSizingTests
{
    /// <summary>
    /// Issue 11 measured 22 of 40 concurrent tiny requests refused with the old default of 16 waiting. The solves are
    /// held until all 40 have been admitted or refused, so the outcome does not depend on this machine's speed.
    /// </summary>
    [Fact]
    public async Task Forty_concurrent_tiny_requests_all_succeed_with_the_default_queue()
    {
        const int clients = 40;
        var request = TestService.Example("teaching-two-donors.json");
        var allIn = new TaskCompletionSource();
        await using var service = await TestService.StartAsync(kestrel: true, maxConcurrent: 2, queueLength: ServiceOptions.DefaultQueueLength,
            solve: (json, token) =>
            {
                allIn.Task.Wait(TimeSpan.FromSeconds(30), token);
                return AllocationEngine.Solve(json, null, token);
            });
        using var client = new HttpClient { BaseAddress = service.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var refused = 0;
        var posts = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var response = await client.PostAsync("/v1/allocations", TestService.Json(request));
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) Interlocked.Increment(ref refused);
            return response;
        })).ToList();
        await LoadTests.WaitUntil(async () =>
        {
            var health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement;
            return health.GetProperty("running").GetInt32() + health.GetProperty("waiting").GetInt32() + Volatile.Read(ref refused) >= clients;
        }, seconds: 60);
        allIn.SetResult();
        var responses = await Task.WhenAll(posts);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        foreach (var r in responses) r.Dispose();
    }
}
