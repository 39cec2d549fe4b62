using System.Net;
using System.Text;
using System.Text.Json;
using Allocator.Models;
using Allocator.Service;
using Allocator.Service.Audit;
using Allocator.Solver;

namespace Allocator.Tests.Service;

/// <summary>Every endpoint and every error, on the in-memory host with a fresh SQLite audit trail.</summary>
public sealed class EndpointTests
{
    private const string TwoDonors = "teaching-two-donors.json";
    private const string Ukraine = "ukraine-2024.json";

    [Fact]
    public async Task Post_solves_stores_and_serves_the_result_and_the_request_byte_for_byte()
    {
        await using var service = await TestService.StartAsync();
        var request = TestService.Example(Ukraine);

        using var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(request));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json", created.Content.Headers.ContentType?.MediaType);
        var id = TestService.IdFrom(created);
        var body = await created.Content.ReadAsStringAsync();

        // The same plan as the engine (timings aside), serialised as the CLI does.
        var direct = AllocationEngine.Solve(request).Result!;
        var served = TestService.ReadResult(body, id);
        Assert.Equal(direct.Status, served.Status);
        Assert.Equal(direct.Summary.Value, served.Summary.Value, 9);
        Assert.Equal(direct.Summary.Committed, served.Summary.Committed, 3);
        Assert.Equal(direct.Diagnostics.InputSha256, served.Diagnostics.InputSha256);
        Assert.Equal(AllocationRunner.ResultText(id, served), body); // the contract's result, with allocationId after schemaVersion
        Assert.StartsWith($"{{\n  \"schemaVersion\": \"1\",\n  \"allocationId\": \"{id}\",\n", body);

        using var fetched = await service.Client.GetAsync($"/v1/allocations/{id}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(body, await fetched.Content.ReadAsStringAsync());

        using var stored = await service.Client.GetAsync($"/v1/allocations/{id}/request");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(request, await stored.Content.ReadAsByteArrayAsync());

        var summary = await service.Store.GetSummaryAsync(id, default);
        Assert.NotNull(summary);
        Assert.Equal("optimal", summary.Status);
        Assert.Equal(direct.Diagnostics.InputSha256, summary.InputSha256);
        Assert.Equal(AllocationEngine.Version, summary.EngineVersion);
        Assert.NotNull(summary.Started);
        Assert.True(summary.Finished >= summary.Started && summary.Started >= summary.Received);
        Assert.True(summary.DurationMs > 0);

        using var audit = await service.Client.GetAsync($"/v1/allocations/{id}/audit");
        var events = JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement.GetProperty("events");
        Assert.Equal(["queued", "running", "optimal"], events.EnumerateArray().Select(e => e.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Ids_are_distinct_for_the_same_request()
    {
        await using var service = await TestService.StartAsync();
        var request = TestService.Example(TwoDonors);
        using var first = await service.Client.PostAsync("/v1/allocations", TestService.Json(request));
        using var second = await service.Client.PostAsync("/v1/allocations", TestService.Json(request));
        Assert.NotEqual(TestService.IdFrom(first), TestService.IdFrom(second));
    }

    [Fact]
    public async Task List_pages_newest_first_with_summaries()
    {
        await using var service = await TestService.StartAsync();
        var ids = new List<string>();
        foreach (var name in new[] { TwoDonors, "teaching-late-delivery.json", TwoDonors })
        {
            using var response = await service.Client.PostAsync("/v1/allocations", TestService.Json(TestService.Example(name)));
            ids.Add(TestService.IdFrom(response));
        }
        ids.Reverse();

        var first = await GetJson(service, "/v1/allocations?limit=2");
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ids[..2], items.Select(i => i.GetProperty("id").GetString()));
        var next = first.GetProperty("next").GetString();
        Assert.Equal(ids[1], next);
        var item = items[0];
        foreach (var property in new[] { "id", "name", "received", "inputSha256", "status", "value", "committed" })
            Assert.True(item.TryGetProperty(property, out _), property);
        Assert.Equal("optimal", item.GetProperty("status").GetString());
        Assert.Matches("^[0-9a-f]{64}$", item.GetProperty("inputSha256").GetString()!);

        var second = await GetJson(service, $"/v1/allocations?limit=2&after={next}");
        Assert.Equal([ids[2]], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        var all = await GetJson(service, "/v1/allocations");
        Assert.Equal(3, all.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=x", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=nope", "after")]
    [InlineData("after=aaaaaaaaaaaaaaaaaaaaaaaaaa", "after")]
    public async Task List_rejects_bad_paging_parameters(string query, string parameter)
    {
        await using var service = await TestService.StartAsync();
        using var response = await service.Client.GetAsync($"/v1/allocations?{query}");
        var problem = await TestService.ProblemAsync(response, 400);
        Assert.Contains(parameter, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Invalid_request_is_400_with_the_same_errors_as_the_cli_and_is_not_stored()
    {
        await using var service = await TestService.StartAsync();
        var json = Encoding.UTF8.GetString(TestService.Example(TwoDonors))
            .Replace("\"schemaVersion\": \"1\"", "\"schemaVersion\": \"1\", \"colour\": \"red\"", StringComparison.Ordinal);
        var expected = AllocationEngine.Read(Encoding.UTF8.GetBytes(json)).Errors;
        Assert.NotEmpty(expected);

        foreach (var path in new[] { "/v1/allocations", "/v1/validations" })
        {
            using var response = await service.Client.PostAsync(path, TestService.Json(json));
            var problem = await TestService.ProblemAsync(response, 400);
            var errors = problem.GetProperty("errors").EnumerateArray()
                .Select(e => new InputError(e.GetProperty("path").GetString()!, e.GetProperty("message").GetString()!)).ToList();
            Assert.Equal(expected, errors);
            Assert.Contains(errors, e => e.Path == "$.colour");
        }
        Assert.Empty((await service.Store.ListAsync(10, null, default))!);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("[]")]
    public async Task Malformed_json_is_400_with_a_path(string body)
    {
        await using var service = await TestService.StartAsync();
        using var response = await service.Client.PostAsync("/v1/allocations", TestService.Json(body));
        var problem = await TestService.ProblemAsync(response, 400);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("$", error.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Validation_of_a_valid_request_is_200_with_no_errors_and_stores_nothing()
    {
        await using var service = await TestService.StartAsync();
        using var response = await service.Client.PostAsync("/v1/validations", TestService.Json(TestService.Example(Ukraine)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, document.GetProperty("errors").GetArrayLength());
        Assert.Empty((await service.Store.ListAsync(10, null, default))!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Non_json_content_type_is_415(string? contentType)
    {
        await using var service = await TestService.StartAsync();
        foreach (var path in new[] { "/v1/allocations", "/v1/validations" })
        {
            var content = new ByteArrayContent(TestService.Example(TwoDonors));
            if (contentType is not null) content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            using var response = await service.Client.PostAsync(path, content);
            var problem = await TestService.ProblemAsync(response, 415);
            Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Json_with_charset_or_a_json_suffix_is_accepted()
    {
        await using var service = await TestService.StartAsync();
        foreach (var type in new[] { "application/json; charset=utf-8", "application/vnd.allocator+json" })
        {
            var content = new ByteArrayContent(TestService.Example(TwoDonors));
            content.Headers.TryAddWithoutValidation("Content-Type", type);
            using var response = await service.Client.PostAsync("/v1/validations", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_with_or_without_a_length()
    {
        var request = TestService.Example(Ukraine);
        await using var service = await TestService.StartAsync(maxBodyBytes: request.Length - 1);
        using var withLength = await service.Client.PostAsync("/v1/allocations", TestService.Json(request));
        await TestService.ProblemAsync(withLength, 413);

        // Chunked: no Content-Length, so the limit is found while reading.
        var chunked = new StreamContent(new MemoryStream(request));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/validations") { Content = chunked };
        message.Headers.TransferEncodingChunked = true;
        using var withoutLength = await service.Client.SendAsync(message);
        await TestService.ProblemAsync(withoutLength, 413);
        Assert.Empty((await service.Store.ListAsync(10, null, default))!);
    }

    [Theory]
    [InlineData("/v1/allocations/aaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("/v1/allocations/aaaaaaaaaaaaaaaaaaaaaaaaaa/request")]
    [InlineData("/v1/allocations/aaaaaaaaaaaaaaaaaaaaaaaaaa/audit")]
    [InlineData("/v1/allocations/not-an-id")]
    [InlineData("/v1/allocations/..%2F..%2Fetc/request")]
    [InlineData("/v2/allocations")]
    public async Task Unknown_ids_and_routes_are_404(string path)
    {
        await using var service = await TestService.StartAsync();
        using var response = await service.Client.GetAsync(path);
        await TestService.ProblemAsync(response, 404);
    }

    [Fact]
    public async Task Resolving_an_unknown_id_is_404_and_a_solved_one_409()
    {
        await using var service = await TestService.StartAsync();
        using var unknown = await service.Client.PostAsync("/v1/allocations/aaaaaaaaaaaaaaaaaaaaaaaaaa/resolve", null);
        await TestService.ProblemAsync(unknown, 404);

        using var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(TestService.Example(TwoDonors)));
        using var solved = await service.Client.PostAsync($"/v1/allocations/{TestService.IdFrom(created)}/resolve", null);
        var problem = await TestService.ProblemAsync(solved, 409);
        Assert.Equal("optimal", problem.GetProperty("allocationStatus").GetString());
    }

    [Fact]
    public async Task A_failing_solve_is_500_without_internals_stored_as_failed_and_can_be_resolved()
    {
        var calls = 0;
        await using var service = await TestService.StartAsync(solve: (json, token) =>
            Interlocked.Increment(ref calls) == 1
                ? throw new InvalidOperationException("boom at Allocator.Secret.Method()")
                : AllocationEngine.Solve(json, null, token));

        using var failed = await service.Client.PostAsync("/v1/allocations", TestService.Json(TestService.Example(TwoDonors)));
        var problem = await TestService.ProblemAsync(failed, 500);
        Assert.DoesNotContain("Secret", problem.ToString());
        var id = problem.GetProperty("id").GetString()!;
        Assert.Equal("failed", (await service.Store.GetSummaryAsync(id, default))!.Status);

        using var noResult = await service.Client.GetAsync($"/v1/allocations/{id}");
        Assert.Equal("failed", (await TestService.ProblemAsync(noResult, 409)).GetProperty("allocationStatus").GetString());

        using var resolved = await service.Client.PostAsync($"/v1/allocations/{id}/resolve", null);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal($"/v1/allocations/{id}", resolved.Headers.Location?.OriginalString);
        using var fetched = await service.Client.GetAsync($"/v1/allocations/{id}");
        Assert.Equal(await resolved.Content.ReadAsStringAsync(), await fetched.Content.ReadAsStringAsync());
        var summary = (await service.Store.GetSummaryAsync(id, default))!;
        Assert.Equal(("optimal", 2, (string?)null), (summary.Status, summary.Attempts, summary.Error));
        var events = await service.Store.GetEventsAsync(id, default);
        Assert.Equal(["queued", "running", "failed", "queued", "running", "optimal"], events.Select(e => e.Status));
    }

    [Fact]
    public async Task The_request_time_limit_is_honoured()
    {
        var request = ScenarioRequest("M", timeLimitSeconds: 0.05);
        await using var service = await TestService.StartAsync();
        using var response = await service.Client.PostAsync("/v1/allocations", TestService.Json(request));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = TestService.ReadResult(await response.Content.ReadAsStringAsync());
        Assert.NotEqual("optimal", result.Status);
        Assert.True(result.Diagnostics.SolveSeconds < 1, $"solved for {result.Diagnostics.SolveSeconds} s with a 0.05 s limit");
    }

    [Fact]
    public async Task Schema_is_generated_from_the_contract_types()
    {
        await using var service = await TestService.StartAsync();
        using var response = await service.Client.GetAsync("/v1/schema");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var schema = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        var required = schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "schemaVersion", "baseCurrency", "horizon", "donors", "lines", "needs" }, required);

        // Every property of the example is described, and capacity is a number or an array of numbers.
        var properties = schema.GetProperty("properties");
        foreach (var property in JsonDocument.Parse(TestService.Example(Ukraine)).RootElement.EnumerateObject())
            Assert.True(properties.TryGetProperty(property.Name, out _), property.Name);
        var capacity = properties.GetProperty("lines").GetProperty("items").GetProperty("properties").GetProperty("capacity");
        Assert.Equal(2, capacity.GetProperty("oneOf").GetArrayLength());
    }

    [Fact]
    public async Task Health_and_openapi_answer()
    {
        await using var service = await TestService.StartAsync(maxConcurrent: 3, queueLength: 5);
        var health = await GetJson(service, "/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(3, health.GetProperty("maxConcurrent").GetInt32());
        Assert.Equal(5, health.GetProperty("queueLength").GetInt32());

        var openApi = await GetJson(service, "/openapi/v1.json");
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/v1/allocations", "/v1/allocations/{id}", "/v1/allocations/{id}/request", "/v1/allocations/{id}/resolve", "/v1/validations", "/v1/schema", "/health" })
            Assert.True(paths.TryGetProperty(path, out _), path);
    }

    [Fact]
    public async Task Interrupted_and_cancelled_allocations_answer_409_and_can_be_resolved()
    {
        await using var service = await TestService.StartAsync();
        var request = TestService.Example(TwoDonors);
        var read = AllocationEngine.Read(request);
        var now = DateTimeOffset.UtcNow;
        foreach (var status in new[] { AllocationStatus.Interrupted, AllocationStatus.Cancelled })
        {
            var id = Allocator.Service.AllocationIds.New();
            await service.Store.AddAsync(new NewAllocation(id, "left over", now, read.InputSha256, "0.9", request), default);
            await service.Store.CompleteAsync(id, new Completion(status, null, now, "0.9", Error: "stopped"), default);

            using var get = await service.Client.GetAsync($"/v1/allocations/{id}");
            var problem = await TestService.ProblemAsync(get, 409);
            Assert.Equal(status, problem.GetProperty("allocationStatus").GetString());
            Assert.Contains("/resolve", problem.GetProperty("detail").GetString());

            using var resolved = await service.Client.PostAsync($"/v1/allocations/{id}/resolve", null);
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
            var summary = (await service.Store.GetSummaryAsync(id, default))!;
            Assert.Equal("optimal", summary.Status);
            Assert.Equal(AllocationEngine.Version, summary.EngineVersion);
        }
    }

    [Fact]
    public async Task Problems_carry_the_instance_and_never_a_stack_trace_for_an_unexpected_failure()
    {
        // A store that throws on reads: the exception handler answers, with nothing of the exception.
        await using var inner = new SqliteAuditStore(Path.Combine(Path.GetTempPath(), $"allocator-{Guid.NewGuid():N}.db"));
        await using var service = await TestService.StartAsync(store: new BrokenReadsStore(inner));
        using var response = await service.Client.GetAsync("/v1/allocations");
        var problem = await TestService.ProblemAsync(response, 500);
        Assert.DoesNotContain("database is on fire", problem.ToString());
    }

    internal static byte[] ScenarioRequest(string preset, double? timeLimitSeconds = null)
    {
        var request = Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset(preset), seed: 3);
        var json = AllocatorJson.Serialize(request);
        if (timeLimitSeconds is { } limit)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            node["solver"] = new System.Text.Json.Nodes.JsonObject { ["timeLimitSeconds"] = limit };
            json = node.ToJsonString();
        }
        return Encoding.UTF8.GetBytes(json);
    }

    private static async Task<JsonElement> GetJson(TestService service, string path)
    {
        using var response = await service.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private sealed class BrokenReadsStore(IAuditStore inner) : IAuditStore
    {
        public string Description => inner.Description;
        public Task<int> InitializeAsync(DateTimeOffset now, CancellationToken c) => inner.InitializeAsync(now, c);
        public Task AddAsync(NewAllocation a, CancellationToken c) => inner.AddAsync(a, c);
        public Task MarkRunningAsync(string id, DateTimeOffset s, CancellationToken c) => inner.MarkRunningAsync(id, s, c);
        public Task CompleteAsync(string id, Completion x, CancellationToken c) => inner.CompleteAsync(id, x, c);
        public Task<bool> TryRequeueAsync(string id, DateTimeOffset at, CancellationToken c) => inner.TryRequeueAsync(id, at, c);
        public Task<AllocationSummary?> GetSummaryAsync(string id, CancellationToken c) => throw Fire();
        public Task<string?> GetResultAsync(string id, CancellationToken c) => throw Fire();
        public Task<byte[]?> GetRequestAsync(string id, CancellationToken c) => throw Fire();
        public Task<IReadOnlyList<AllocationSummary>?> ListAsync(int l, string? a, CancellationToken c) => throw Fire();
        public Task<IReadOnlyList<AuditEvent>> GetEventsAsync(string id, CancellationToken c) => throw Fire();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        private static InvalidOperationException Fire() => new("the database is on fire");
    }
}
