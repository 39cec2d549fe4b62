using System.Net;
using System.Text.Json;

namespace Allocator.Tests.Service;

/// <summary>
/// Kill-and-restart: a real <c>allocator serve</c> is killed with SIGKILL while one request is being solved and
/// another waits; after a restart on the same database every stored request and result is there, byte for byte,
/// the unfinished ones are <c>interrupted</c>, and one of them is solved again.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class DurabilityTests
{
    [Fact]
    public async Task Sqlite_survives_sigkill()
    {
        var directory = Directory.CreateTempSubdirectory("allocator-durability-");
        try
        {
            var db = Path.Combine(directory.FullName, "allocator.db");
            await KillAndRestart(["--db", db]);
            Assert.True(File.Exists(db));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // With PostgreSQL the service is one instance of a shared queue: SharedQueueTests kill instances with SIGKILL.

    private static async Task KillAndRestart(string[] database)
    {
        string[] arguments = [.. database, "--max-concurrent", "1", "--queue", "4"];
        var example = TestService.Example("ukraine-2024.json");
        var small = TestService.Example("teaching-two-donors.json");
        var large = EndpointTests.ScenarioRequest("L");
        string solvedId, solvedBody;

        await using (var first = await ServiceProcess.StartAsync(arguments))
        {
            using var client = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromSeconds(60) };
            using (var created = await client.PostAsync("/v1/allocations", TestService.Json(example)))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                solvedId = TestService.IdFrom(created);
                solvedBody = await created.Content.ReadAsStringAsync();
            }

            // One long solve running, one request waiting behind it: then SIGKILL.
            var running = client.PostAsync("/v1/allocations", TestService.Json(large));
            await LoadTests.WaitUntil(async () => (await Statuses(client)).Contains("running"), seconds: 30);
            var waiting = client.PostAsync("/v1/allocations", TestService.Json(small));
            await LoadTests.WaitUntil(async () => (await Statuses(client)).Contains("queued"), seconds: 30);
            Assert.Equal(["optimal", "queued", "running"], (await Statuses(client)).Order());
            await first.KillAsync();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => running);
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => waiting);
        }

        await using var second = await ServiceProcess.StartAsync(arguments);
        Assert.Contains("2 request(s) left unfinished by the previous run are marked interrupted", second.Output);
        using var again = new HttpClient { BaseAddress = second.Address, Timeout = TimeSpan.FromSeconds(60) };

        using (var fetched = await again.GetAsync($"/v1/allocations/{solvedId}"))
        {
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            Assert.Equal(solvedBody, await fetched.Content.ReadAsStringAsync());
        }
        Assert.Equal(example, await again.GetByteArrayAsync($"/v1/allocations/{solvedId}/request"));

        var page = await List(again);
        Assert.Equal(3, page.Count);
        var interrupted = page.Where(s => s.Status == "interrupted").ToList();
        Assert.Equal(2, interrupted.Count);
        var smallId = interrupted.Single(s => s.Sha == Sha(small)).Id;
        var largeId = interrupted.Single(s => s.Id != smallId).Id;
        Assert.Equal(large, await again.GetByteArrayAsync($"/v1/allocations/{largeId}/request"));
        Assert.Equal(small, await again.GetByteArrayAsync($"/v1/allocations/{smallId}/request"));

        using (var noResult = await again.GetAsync($"/v1/allocations/{smallId}"))
            Assert.Equal("interrupted", (await TestService.ProblemAsync(noResult, 409)).GetProperty("allocationStatus").GetString());
        using (var resolved = await again.PostAsync($"/v1/allocations/{smallId}/resolve", null))
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        using (var fetched = await again.GetAsync($"/v1/allocations/{smallId}"))
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("optimal", (await List(again)).Single(s => s.Id == smallId).Status);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static async Task<List<string>> Statuses(HttpClient client) => [.. (await List(client)).Select(s => s.Status)];

    private static async Task<List<(string Id, string? Name, string Status, string Sha)>> List(HttpClient client)
    {
        var page = JsonDocument.Parse(await client.GetStringAsync("/v1/allocations")).RootElement;
        return
        [
            .. page.GetProperty("items").EnumerateArray().Select(i => (
                i.GetProperty("id").GetString()!,
                i.GetProperty("name").GetString(),
                i.GetProperty("status").GetString()!,
                i.GetProperty("inputSha256").GetString()!)),
        ];
    }
}
