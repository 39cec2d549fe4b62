using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Allocator.Service;
using Allocator.Service.Audit;
using Allocator.Solver;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Allocator.Tests.Service;

/// <summary>
/// The service under test: in memory (ASP.NET Core's TestServer) where that suffices, or real Kestrel on a free
/// loopback port for the load, disconnect and body-limit tests. The audit store is a fresh SQLite file unless
/// a store is given.
/// </summary>
internal sealed class TestService : IAsyncDisposable
{
    private readonly string _directory;
    private readonly IAuditStore? _ownStore;

    private TestService(WebApplication app, HttpClient client, IAuditStore store, string directory, IAuditStore? ownStore)
    {
        App = app;
        Client = client;
        Store = store;
        _directory = directory;
        _ownStore = ownStore;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IAuditStore Store { get; }

    public static async Task<TestService> StartAsync(
        bool kestrel = false,
        IAuditStore? store = null,
        string? apiKey = null,
        int maxConcurrent = 2,
        int queueLength = 16,
        long maxBodyBytes = ServiceOptions.DefaultMaxBodyBytes,
        Func<ReadOnlyMemory<byte>, CancellationToken, SolveOutcome>? solve = null,
        Func<ServiceOptions, ServiceOptions>? adjust = null)
    {
        var directory = Directory.CreateTempSubdirectory("allocator-service-test-").FullName;
        var ownStore = store is null ? new SqliteAuditStore(Path.Combine(directory, "audit.db")) : null;
        var options = new ServiceOptions
        {
            Urls = "http://127.0.0.1:0",
            Store = store ?? ownStore,
            ApiKey = apiKey,
            MaxConcurrent = maxConcurrent,
            QueueLength = queueLength,
            MaxBodyBytes = maxBodyBytes,
            Solve = solve is null ? (json, solveOptions, token) => AllocationEngine.Solve(json, solveOptions, token) : (json, _, token) => solve(json, token),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        };
        if (adjust is not null) options = adjust(options);
        var (app, _) = await AllocatorService.BuildAsync(options, builder =>
        {
            builder.Logging.ClearProviders();
            if (!kestrel) builder.WebHost.UseTestServer();
        });
        await app.StartAsync();
        var client = kestrel
            ? new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) }
            : app.GetTestClient();
        return new TestService(app, client, options.Store!, directory, ownStore);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownStore is not null) await _ownStore.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    public static HttpContent Json(string json) => Json(Encoding.UTF8.GetBytes(json));

    public static HttpContent Json(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static byte[] Example(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", name));

    /// <summary>Reads a problem document, checking its media type and that it shows nothing of the code inside.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        var names = problem.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>
    /// A served result read with the contract's strict types: the service's own <c>allocationId</c> is checked
    /// against <paramref name="id"/> (when given) and taken out first.
    /// </summary>
    public static Allocator.Models.AllocationResult ReadResult(string body, string? id = null)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        var served = node["allocationId"]?.GetValue<string>();
        Assert.Matches("^[a-z2-7]{26}$", served);
        if (id is not null) Assert.Equal(id, served);
        node.Remove("allocationId");
        return JsonSerializer.Deserialize(node.ToJsonString(), Allocator.Models.AllocatorJsonContext.Default.AllocationResult)!;
    }

    /// <summary>The allocation id from a 201's Location header.</summary>
    public static string IdFrom(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString;
        Assert.NotNull(location);
        Assert.StartsWith("/v1/allocations/", location);
        var id = location["/v1/allocations/".Length..];
        Assert.Matches("^[a-z2-7]{26}$", id);
        return id;
    }
}
