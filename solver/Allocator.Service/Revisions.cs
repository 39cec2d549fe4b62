using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using Microsoft.AspNetCore.Http;

namespace Allocator.Service;

/// <summary>
/// Contract 1.1 in the service: <c>POST /v1/allocations/{id}/revisions</c> re-plans against a stored allocation (its
/// plan becomes the new request's <c>previousPlan</c>; the link is kept in both audit trails), and
/// <c>GET /v1/allocations/{a}/diff/{b}</c> compares two stored allocations (docs/service.md, "Re-planning").
/// </summary>
internal static class Revisions
{
    public static async Task<IResult> Create(string id, HttpContext context, AllocationRunner runner)
    {
        if (!AllocationIds.IsWellFormed(id)) return Problems.NotFound(id);
        var (stored, missing) = await StoredResult(id, runner, context.RequestAborted);
        if (stored is null) return missing!;
        var (body, problem) = await RequestBody.ReadAsync(context, runner.Options);
        if (problem is not null) return problem;

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body!) as JsonObject;
        }
        catch (JsonException)
        {
            root = null; // the engine's reader names the line and column below
        }
        if (root is null) return await Endpoints.CreateFrom(body!, context, runner);
        if (root.ContainsKey("previousPlan"))
            return Problems.InvalidRequest([new InputError("$.previousPlan", $"is set by the service from allocation {id} (leave it out, or solve the request with POST /v1/allocations)")]);
        root["previousPlan"] = new JsonObject
        {
            ["allocations"] = JsonSerializer.SerializeToNode(stored.Allocations, AllocatorJsonContext.Default.IReadOnlyListAllocationRow),
        };
        return await Endpoints.CreateFrom(Encoding.UTF8.GetBytes(root.ToJsonString()), context, runner, revisionOf: id);
    }

    public static async Task<IResult> Diff(string a, string b, HttpContext context, AllocationRunner runner)
    {
        foreach (var id in new[] { a, b })
            if (!AllocationIds.IsWellFormed(id)) return Problems.NotFound(id);
        var (before, missingBefore) = await StoredResult(a, runner, context.RequestAborted);
        if (before is null) return missingBefore!;
        var (after, missingAfter) = await StoredResult(b, runner, context.RequestAborted);
        if (after is null) return missingAfter!;
        var requestBefore = AllocationEngine.Read((await runner.Store.GetRequestAsync(a, context.RequestAborted))!).Request;
        var requestAfter = AllocationEngine.Read((await runner.Store.GetRequestAsync(b, context.RequestAborted))!).Request;
        var diff = PlanComparison.Compare(before, after, requestBefore, requestAfter);
        return Results.Text(AllocatorJson.Serialize(diff) + "\n", AllocationRunner.JsonContentType, Encoding.UTF8);
    }

    /// <summary>The stored result of <paramref name="id"/>, or the problem to answer (unknown id, no result yet).</summary>
    private static async Task<(AllocationResult? Result, IResult? Problem)> StoredResult(string id, AllocationRunner runner, CancellationToken cancellationToken)
    {
        var json = await runner.Store.GetResultAsync(id, cancellationToken);
        if (json is not null) return (JsonSerializer.Deserialize(json, AllocatorJsonContext.Default.AllocationResult), null);
        var summary = await runner.Store.GetSummaryAsync(id, cancellationToken);
        return (null, summary is null ? Problems.NotFound(id) : Problems.NoResult(summary));
    }
}
