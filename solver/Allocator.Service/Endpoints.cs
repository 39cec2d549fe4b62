using System.Globalization;
using System.Text;
using Allocator.Models;
using Allocator.Service.Audit;
using Allocator.Solver;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Allocator.Service;

/// <summary>The HTTP API, version 1 (docs/service.md describes every endpoint and error).</summary>
internal static class Endpoints
{
    public const string HealthPath = "/health";
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods(HealthPath, [HttpMethods.Get, HttpMethods.Head], Health)
            .WithTags("service").WithSummary("Liveness and queue occupancy (GET or HEAD); never requires the API key");

        var v1 = app.MapGroup("/v1").WithTags("v1");
        v1.MapPost("/allocations", Create)
            .WithSummary("Solve a contract-v1 request; the request and its result are stored in the audit trail")
            .Accepts<AllocationRequest>("application/json")
            .Produces<AllocationResult>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapGet("/allocations", List)
            .WithSummary("Summaries of stored allocations, newest first; ?limit=N&after=ID pages")
            .Produces<SummaryPage>();
        v1.MapGet("/allocations/{id}", Get)
            .WithSummary("The stored result")
            .Produces<AllocationResult>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapGet("/allocations/{id}/request", GetRequest)
            .WithSummary("The stored request, byte for byte as received")
            .Produces<AllocationRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/allocations/{id}/audit", GetAudit)
            .WithSummary("The audit trail of one allocation: its summary and every state change")
            .Produces<AuditTrail>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPost("/allocations/{id}/resolve", Resolve)
            .WithSummary("Solve an interrupted, cancelled or failed allocation again, from its stored request")
            .Produces<AllocationResult>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapPost("/allocations/{id}/revisions", Revisions.Create)
            .WithSummary("Re-plan against a stored allocation: the body is a request, solved with the stored plan as its previousPlan")
            .Accepts<AllocationRequest>("application/json")
            .Produces<AllocationResult>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapGet("/allocations/{a}/diff/{b}", Revisions.Diff)
            .WithSummary("What changed from stored allocation a to stored allocation b: money rows, needs and the requests (contract 1.1, section 3)")
            .Produces<PlanDiff>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapPost("/validations", Validate)
            .WithSummary("Check a request against the contract without solving or storing it")
            .Accepts<AllocationRequest>("application/json")
            .Produces<ErrorDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        v1.MapGet("/schema", Schema)
            .WithSummary("The JSON Schema of a contract-v1 request, generated from the contract types");
        Planner.PlannerEndpoints.Map(app);
    }

    private static IResult Health(AllocationRunner runner)
    {
        var (small, large) = (runner.Lanes.Small, runner.Lanes.Large);
        return Results.Json(
            new HealthReport("ok", AllocationEngine.Version, small.Running, small.Waiting, small.MaxConcurrent, small.QueueLength,
                new LaneReport(large.Running, large.Waiting, large.MaxConcurrent, large.QueueLength),
                runner.Shared is null ? null : runner.Options.InstanceId),
            ServiceJsonContext.Default.HealthReport);
    }

    private static async Task<IResult> Create(HttpContext context, AllocationRunner runner)
    {
        var (body, problem) = await RequestBody.ReadAsync(context, runner.Options);
        if (problem is not null) return problem;
        return await CreateFrom(body!, context, runner);
    }

    /// <summary>Stores and solves request JSON already read (from the body, or converted from a planner's workbook).</summary>
    internal static async Task<IResult> CreateFrom(byte[] body, HttpContext context, AllocationRunner runner, string? revisionOf = null)
    {
        var read = AllocationEngine.Read(body);
        if (read.Request is null) return Problems.InvalidRequest(read.Errors);

        var cost = SolveCost.Of(read.Request, body.Length);
        var lane = runner.Lanes.LaneOf(cost);
        using var ticket = runner.Lanes[lane].TryAdmit();
        if (ticket is null) return Problems.QueueFull(runner.Lanes[lane].RetryAfterSeconds);
        var id = AllocationIds.New();
        await runner.Store.AddAsync(
            new NewAllocation(id, read.Request.Name, runner.Now, read.InputSha256, AllocationEngine.Version, body, lane, revisionOf), CancellationToken.None);
        return await runner.SolveAsync(context, id, body, cost, ticket, StatusCodes.Status201Created);
    }

    private static async Task<IResult> Resolve(string id, HttpContext context, AllocationRunner runner)
    {
        if (!AllocationIds.IsWellFormed(id)) return Problems.NotFound(id);
        var summary = await runner.Store.GetSummaryAsync(id, context.RequestAborted);
        if (summary is null) return Problems.NotFound(id);
        // Idempotent: a second /resolve while the first is under way (on any instance) answers with its outcome.
        if (AllocationStatus.InProgress(summary.Status)) return await runner.AwaitOutcomeAsync(context, id, StatusCodes.Status200OK);
        if (!AllocationStatus.CanResolve(summary.Status)) return Problems.CannotResolve(summary);

        var request = await runner.Store.GetRequestAsync(id, CancellationToken.None);
        var cost = SolveCost.Of(request!);
        var queue = runner.Lanes[runner.Lanes.LaneOf(cost)];
        using var ticket = queue.TryAdmit();
        if (ticket is null) return Problems.QueueFull(queue.RetryAfterSeconds);
        if (!await runner.Store.TryRequeueAsync(id, runner.Now, CancellationToken.None))
        {
            var now = await runner.Store.GetSummaryAsync(id, CancellationToken.None) ?? summary;
            return AllocationStatus.InProgress(now.Status)
                ? await runner.AwaitOutcomeAsync(context, id, StatusCodes.Status200OK)
                : Problems.CannotResolve(now);
        }
        return await runner.SolveAsync(context, id, request, cost, ticket, StatusCodes.Status200OK);
    }

    private static async Task<IResult> Get(string id, HttpContext context, AllocationRunner runner)
    {
        if (!AllocationIds.IsWellFormed(id)) return Problems.NotFound(id);
        var result = await runner.Store.GetResultAsync(id, context.RequestAborted);
        if (result is not null) return Results.Text(result, AllocationRunner.JsonContentType, Encoding.UTF8);
        var summary = await runner.Store.GetSummaryAsync(id, context.RequestAborted);
        return summary is null ? Problems.NotFound(id) : Problems.NoResult(summary);
    }

    private static async Task<IResult> GetRequest(string id, HttpContext context, AllocationRunner runner)
    {
        if (!AllocationIds.IsWellFormed(id)) return Problems.NotFound(id);
        var request = await runner.Store.GetRequestAsync(id, context.RequestAborted);
        return request is null ? Problems.NotFound(id) : Results.Bytes(request, "application/json");
    }

    private static async Task<IResult> GetAudit(string id, HttpContext context, AllocationRunner runner)
    {
        if (!AllocationIds.IsWellFormed(id)) return Problems.NotFound(id);
        var summary = await runner.Store.GetSummaryAsync(id, context.RequestAborted);
        if (summary is null) return Problems.NotFound(id);
        var events = await runner.Store.GetEventsAsync(id, context.RequestAborted);
        return Results.Json(new AuditTrail(summary, events), ServiceJsonContext.Default.AuditTrail);
    }

    private static async Task<IResult> List(HttpContext context, AllocationRunner runner)
    {
        var query = context.Request.Query;
        var limit = DefaultPageSize;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPageSize))
            return Problems.BadParameter("limit", $"limit must be a whole number from 1 to {MaxPageSize}, not '{limitText}'.");
        string? after = null;
        if (query.TryGetValue("after", out var afterText))
        {
            after = afterText.ToString();
            if (!AllocationIds.IsWellFormed(after))
                return Problems.BadParameter("after", $"after must be an allocation id (the 'next' of the previous page), not '{after}'.");
        }
        var items = await runner.Store.ListAsync(limit + 1, after, context.RequestAborted);
        if (items is null)
            return Problems.BadParameter("after", $"There is no allocation '{after}'; use the 'next' of the previous page.");
        var page = items.Count > limit ? new SummaryPage([.. items.Take(limit)], items[limit - 1].Id) : new SummaryPage(items, null);
        return Results.Json(page, ServiceJsonContext.Default.SummaryPage);
    }

    private static async Task<IResult> Validate(HttpContext context, AllocationRunner runner)
    {
        var (body, problem) = await RequestBody.ReadAsync(context, runner.Options);
        if (problem is not null) return problem;
        var read = AllocationEngine.Read(body);
        return read.Request is null
            ? Problems.InvalidRequest(read.Errors)
            : Results.Text(AllocatorJson.Serialize(new ErrorDocument { Errors = [] }) + "\n", AllocationRunner.JsonContentType, Encoding.UTF8);
    }

    private static IResult Schema() => Results.Text(RequestSchema.Json, "application/schema+json; charset=utf-8", Encoding.UTF8);
}
