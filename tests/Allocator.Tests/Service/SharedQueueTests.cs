using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Allocator.Solver;

namespace Allocator.Tests.Service;

/// <summary>
/// Issue 16, part 2: several real <c>allocator serve</c> processes on one PostgreSQL database. Leases are short
/// (4 s) so that an expired one is noticed within seconds; waits are long and bounded, so a loaded machine makes
/// the tests slower, not flaky.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class SharedQueueTests
{
    private const double LongWait = 240;

    private static string[] Arguments(TestSchema schema, string instance, params string[] more) =>
        ["--postgres", schema.ConnectionString, "--instance-id", instance, "--lease-seconds", "4", "--max-concurrent", "1", "--max-concurrent-large", "1", .. more];

    /// <summary>Before leases, starting B marked every allocation A was solving as interrupted.</summary>
    [PostgresFact]
    public async Task Starting_another_instance_interrupts_nothing_a_live_one_is_solving()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        var large = EndpointTests.ScenarioRequest("L");
        await using var a = await ServiceProcess.StartAsync(Arguments(schema, "a"));
        using var client = Client(a);
        var posted = client.PostAsync("/v1/allocations", TestService.Json(large));
        var id = await WaitForAsync(client, items => items.FirstOrDefault(i => i.Status == "running").Id);

        await using var b = await ServiceProcess.StartAsync(Arguments(schema, "b"));
        Assert.DoesNotContain("put back in the queue", b.Output);
        using var created = await posted.WaitAsync(TimeSpan.FromSeconds(LongWait));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(id, TestService.IdFrom(created));
        var trail = await TrailAsync(Client(b), id);
        Assert.Equal(["queued", "running", "optimal"], trail.Select(e => e.Status));
        Assert.Equal("on instance a", trail[1].Detail);
    }

    /// <summary>
    /// Three instances; one is killed (SIGKILL) while it solves. The others re-queue its work once its lease has
    /// expired and finish everything: every accepted request ends solved, once, with an audit trail that tells
    /// what happened.
    /// </summary>
    [PostgresFact]
    public async Task Sigkill_of_one_of_three_instances_loses_nothing_and_solves_nothing_twice()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        var large = EndpointTests.ScenarioRequest("L");
        var small = TestService.Example("teaching-two-donors.json");
        var smallValue = AllocationEngine.Solve(small).Result!.Summary.Value;
        var instances = new Dictionary<string, ServiceProcess>();
        try
        {
            foreach (var name in new[] { "a", "b", "c" })
                instances[name] = await ServiceProcess.StartAsync(Arguments(schema, name));
            using var a = Client(instances["a"]);

            // All to a: the large one and four small ones; idle b and c take what a cannot run at once.
            var posts = new List<Task<HttpResponseMessage>> { a.PostAsync("/v1/allocations", TestService.Json(large)) };
            for (var i = 0; i < 4; i++) posts.Add(a.PostAsync("/v1/allocations", TestService.Json(small)));
            var largeId = await WaitForAsync(a, items => items.FirstOrDefault(i => i.Status == "running" && i.Sha == Sha(large)).Id);
            await WaitForAsync(a, items => items.Count == 5 ? "all accepted" : null);

            var owner = (await TrailAsync(a, largeId)).Last(e => e.Status == "running").Detail!["on instance ".Length..];
            await instances[owner].KillAsync();
            var survivor = instances.First(p => p.Key != owner).Value;
            using var reader = Client(survivor);

            // Bounded: the lease (4 s) expires, a survivor re-queues the large one and solves it.
            var all = await WaitForAsync(reader, items => items.Count == 5 && items.All(i => i.Status == "optimal") ? items : null);
            foreach (var (id, _, _, sha) in all)
            {
                var trail = await TrailAsync(reader, id);
                AssertTrue(trail, owner);
                if (sha == Sha(small))
                    Assert.Equal(smallValue, TestService.ReadResult(await reader.GetStringAsync($"/v1/allocations/{id}"), id).Summary.Value, 9);
            }
            var largeTrail = await TrailAsync(reader, largeId);
            var interrupted = Assert.Single(largeTrail, e => e.Status == "interrupted");
            Assert.Equal($"instance {owner} stopped renewing its lease before the solve finished", interrupted.Detail);
            Assert.Equal(["queued", "running", "interrupted", "queued", "running", "optimal"], largeTrail.Select(e => e.Status));
            Assert.NotEqual($"on instance {owner}", largeTrail[4].Detail);

            // Clients of a live instance got their answers; those of the killed one got theirs if it came before the
            // kill, and otherwise lost only the connection (the result is in the audit trail).
            foreach (var post in posts)
            {
                HttpResponseMessage response;
                try
                {
                    response = await post.WaitAsync(TimeSpan.FromSeconds(LongWait));
                }
                catch (HttpRequestException) when (owner == "a")
                {
                    continue;
                }
                using (response)
                {
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    Assert.Equal(await reader.GetStringAsync($"/v1/allocations/{TestService.IdFrom(response)}"), await response.Content.ReadAsStringAsync());
                }
            }
        }
        finally
        {
            foreach (var process in instances.Values) await process.DisposeAsync();
        }
    }

    /// <summary>
    /// After its only allowed attempt died with its instance, an allocation is interrupted; two /resolve at once,
    /// on two instances (one started after the kill), solve it once.
    /// </summary>
    [PostgresFact]
    public async Task Concurrent_resolves_on_two_instances_solve_once()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        var large = EndpointTests.ScenarioRequest("L");
        await using var a = await ServiceProcess.StartAsync(Arguments(schema, "a", "--max-attempts", "1"));
        await using var b = await ServiceProcess.StartAsync(Arguments(schema, "b", "--max-attempts", "1"));
        using var clientA = Client(a);
        using var clientB = Client(b);
        var posted = clientA.PostAsync("/v1/allocations", TestService.Json(large));
        var id = await WaitForAsync(clientA, items => items.FirstOrDefault(i => i.Status == "running").Id);
        var owner = (await TrailAsync(clientA, id)).Last(e => e.Status == "running").Detail!["on instance ".Length..];
        var (killed, survivor) = owner == "a" ? (a, clientB) : (b, clientA);
        await killed.KillAsync();
        await WaitForAsync(survivor, items => items.Single().Status == "interrupted" ? "interrupted" : null);

        await using var c = await ServiceProcess.StartAsync(Arguments(schema, "c", "--max-attempts", "1"));
        using var clientC = Client(c);
        var resolves = await Task.WhenAll(
            survivor.PostAsync($"/v1/allocations/{id}/resolve", null),
            clientC.PostAsync($"/v1/allocations/{id}/resolve", null));
        Assert.All(resolves, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(resolves, r => r.StatusCode == HttpStatusCode.OK);
        var stored = await clientC.GetStringAsync($"/v1/allocations/{id}");
        foreach (var ok in resolves.Where(r => r.StatusCode == HttpStatusCode.OK))
            Assert.Equal(stored, await ok.Content.ReadAsStringAsync());

        var trail = await TrailAsync(clientC, id);
        Assert.Equal(["queued", "running", "interrupted", "queued", "running", "optimal"], trail.Select(e => e.Status));
        Assert.Equal("resolve requested", trail[3].Detail);
        AssertTrue(trail, owner);
        foreach (var r in resolves) r.Dispose();
        if (owner == "b")
        {
            using var response = await posted.WaitAsync(TimeSpan.FromSeconds(LongWait));
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict });
        }
    }

    /// <summary>
    /// What every trail must say: it starts queued; each attempt runs after a queued; only an attempt on the killed
    /// instance is interrupted; exactly one result, last.
    /// </summary>
    private static void AssertTrue(IReadOnlyList<(string Status, string? Detail)> trail, string killed)
    {
        Assert.Equal("queued", trail[0].Status);
        Assert.Equal("optimal", trail[^1].Status);
        Assert.Single(trail, e => e.Status == "optimal");
        for (var i = 1; i < trail.Count; i++)
        {
            if (trail[i].Status == "running") Assert.Equal("queued", trail[i - 1].Status);
            if (trail[i].Status == "interrupted") Assert.Equal(("running", $"on instance {killed}"), trail[i - 1]);
            // The killed instance may have finished a solve before the kill; otherwise its attempt ends interrupted.
            if (trail[i - 1] == ("running", $"on instance {killed}")) Assert.Contains(trail[i].Status, new[] { "interrupted", "optimal" });
        }
    }

    private static HttpClient Client(ServiceProcess process) =>
        new() { BaseAddress = process.Address, Timeout = TimeSpan.FromSeconds(LongWait) };

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Polls the list until <paramref name="found"/> gives a value (bounded by <see cref="LongWait"/>).</summary>
    private static async Task<T> WaitForAsync<T>(HttpClient client, Func<List<(string Id, string? Name, string Status, string Sha)>, T?> found)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var page = JsonDocument.Parse(await client.GetStringAsync("/v1/allocations")).RootElement;
            List<(string Id, string? Name, string Status, string Sha)> items =
            [
                .. page.GetProperty("items").EnumerateArray().Select(i => (
                    i.GetProperty("id").GetString()!,
                    i.GetProperty("name").GetString(),
                    i.GetProperty("status").GetString()!,
                    i.GetProperty("inputSha256").GetString()!)),
            ];
            if (found(items) is { } value) return value;
            if (watch.Elapsed.TotalSeconds > LongWait) throw new TimeoutException($"not reached within {LongWait} s: {string.Join(", ", items.Select(i => i.Status))}");
            await Task.Delay(100);
        }
    }

    private static async Task<List<(string Status, string? Detail)>> TrailAsync(HttpClient client, string id)
    {
        var audit = JsonDocument.Parse(await client.GetStringAsync($"/v1/allocations/{id}/audit")).RootElement;
        return [.. audit.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("status").GetString()!, e.GetProperty("detail").GetString()))];
    }
}
