using System.Text;
using System.Text.Json;
using Allocator.Models;
using Allocator.Report;
using Allocator.Service.Audit;
using Allocator.Solver;
using Allocator.Workbook;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Allocator.Service.Planner;

/// <summary>
/// The planner's page and the endpoints it needs beyond the JSON API: checking a request (JSON or workbook) with every
/// problem placed in its cell, solving a workbook, and a stored plan as a workbook or an HTML report.
/// docs/service.md and docs/workbook.md describe them.
/// </summary>
internal static class PlannerEndpoints
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(PlannerPage.IndexPath, (HttpContext context) => PlannerPage.Serve("index.html", context)).ExcludeFromDescription();
        app.MapGet(PlannerPage.AssetPrefix + "{name}", (string name, HttpContext context) => PlannerPage.Serve(name, context)).ExcludeFromDescription();

        var v1 = app.MapGroup("/v1").WithTags("planner");
        v1.MapGet("/examples/ukraine-2024", () => Results.Bytes(PlannerPage.Example(), "application/json"))
            .WithSummary("The bundled 2024 example request");
        v1.MapGet("/workbooks/template", () => Results.File(RequestWorkbook.Template(), XlsxContentType, "request-template.xlsx"))
            .WithSummary("The empty request workbook");
        v1.MapPost("/workbooks/request", ToWorkbook)
            .WithSummary("A request JSON as the planner's workbook")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        v1.MapPost("/workbooks/check", Check)
            .WithSummary("Check a request sent as JSON or as an xlsx workbook: the canonical request when valid, every problem with its sheet and cell, and the sheets' values");
        v1.MapPost("/workbooks/allocations", CreateFromWorkbook)
            .WithSummary("Solve a request sent as an xlsx workbook (stored as its JSON); problems name their cells")
            .Produces<AllocationResult>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        v1.MapGet("/allocations/{id}/workbook", GetWorkbook)
            .WithSummary("The stored result as an xlsx workbook");
        v1.MapGet("/allocations/{id}/report", GetReport)
            .WithSummary("The stored result as a self-contained HTML report");
    }

    private static (AllocationRequest?, IReadOnlyList<InputError>) ReadJson(byte[] json)
    {
        var read = AllocationEngine.Read(json);
        return (read.Request, read.Errors);
    }

    private static async Task<IResult> Check(HttpContext context, AllocationRunner runner)
    {
        var (body, problem) = await PlannerBody.ReadAsync(context, runner.Options.MaxBodyBytes);
        if (problem is not null) return problem;
        var answer = RequestCheck.Check(body!, ReadJson);
        return Results.Text(answer.ToJsonString(new JsonSerializerOptions { WriteIndented = false }), AllocationRunner.JsonContentType, Encoding.UTF8);
    }

    private static async Task<IResult> ToWorkbook(HttpContext context, AllocationRunner runner)
    {
        var (body, problem) = await RequestBody.ReadAsync(context, runner.Options);
        if (problem is not null) return problem;
        var read = RequestReader.Read(body!);
        if (read.Request is null || read.Errors.Count > 0) return Problems.InvalidRequest(read.Errors);
        return Results.File(RequestWorkbook.Write(read.Request), XlsxContentType, "request.xlsx");
    }

    private static async Task<IResult> CreateFromWorkbook(HttpContext context, AllocationRunner runner)
    {
        var (body, problem) = await PlannerBody.ReadAsync(context, runner.Options.MaxBodyBytes);
        if (problem is not null) return problem;
        if (!RequestWorkbook.IsWorkbook(body))
            return Problems.Unreadable("The body is not an xlsx workbook; send JSON to POST /v1/allocations instead.");
        var (json, errors) = RequestWorkbook.ReadChecked(body!, j => AllocationEngine.Read(j).Errors);
        if (json is null) return Problems.InvalidRequest(errors);
        return await Endpoints.CreateFrom(json, context, runner); // stored and solved exactly as a JSON request
    }

    private static async Task<IResult> GetWorkbook(string id, HttpContext context, AllocationRunner runner)
    {
        var (request, result, problem) = await Stored(id, context, runner);
        if (problem is not null) return problem;
        return Results.File(ResultWorkbook.Write(request, result!), XlsxContentType, $"plan-{id}.xlsx");
    }

    private static async Task<IResult> GetReport(string id, HttpContext context, AllocationRunner runner)
    {
        var (request, result, problem) = await Stored(id, context, runner);
        if (problem is not null) return problem;
        if (request is null) return Problems.Unreadable($"The stored request of allocation '{id}' cannot be read, so there is no report.");
        return Results.Text(ReportWriter.Write(request, result!), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<(AllocationRequest? Request, AllocationResult? Result, IResult? Problem)> Stored(string id, HttpContext context, AllocationRunner runner)
    {
        if (!AllocationIds.IsWellFormed(id)) return (null, null, Problems.NotFound(id));
        var text = await runner.Store.GetResultAsync(id, context.RequestAborted);
        if (text is null)
        {
            var summary = await runner.Store.GetSummaryAsync(id, context.RequestAborted);
            return (null, null, summary is null ? Problems.NotFound(id) : Problems.NoResult(summary));
        }
        var result = JsonSerializer.Deserialize(text, AllocatorJsonContext.Default.AllocationResult)!;
        var requestBytes = await runner.Store.GetRequestAsync(id, context.RequestAborted);
        var request = requestBytes is null ? null : AllocationEngine.Read(requestBytes).Request;
        return (request, result, null);
    }
}
