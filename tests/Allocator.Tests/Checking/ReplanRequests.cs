using System.Text.Json.Nodes;
using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>
/// Re-planning requests built from a request and a plan for it: the plan becomes <c>previousPlan</c>, and the request
/// changes as it does from month to month (a tranche cut or raised, the current period moving on, the rows already
/// in the past signed). Edited as JSON so that every request goes through the reader like a planner's file.
/// </summary>
public static class ReplanRequests
{
    /// <summary><paramref name="request"/> with <paramref name="previous"/>'s allocations as its previous plan.</summary>
    public static AllocationRequest WithPreviousPlan(AllocationRequest request, AllocationResult previous) =>
        Edit(request, root => root["previousPlan"] = PreviousPlan(previous));

    /// <summary>
    /// A month later, deterministic per seed: donor 0's tranche 0 scaled by 0.7 or 1.3, <c>asOf</c> somewhere in the
    /// horizon, half of every earlier row of the previous plan signed (except the scaled tranche's), the previous plan given.
    /// </summary>
    public static AllocationRequest MonthLater(AllocationRequest request, AllocationResult previous, int seed)
    {
        var rng = new Random(seed * 31 + 7);
        var factor = rng.Next(2) == 0 ? 0.7 : 1.3;
        var asOf = rng.Next(3) == 0 ? 0 : rng.Next(0, request.Horizon.Periods);
        return Edit(request, root =>
        {
            var tranche = root["donors"]![0]!["tranches"]![0]!;
            tranche["amount"] = tranche["amount"]!.GetValue<double>() * factor;
            root["asOf"] = asOf;
            var signed = new JsonArray();
            foreach (var row in previous.Allocations.Where(a => a.Period < asOf && !(a.Donor == request.Donors[0].Id && a.Tranche == 0)))
                signed.Add(new JsonObject { ["donor"] = row.Donor, ["tranche"] = row.Tranche, ["line"] = row.Line, ["period"] = row.Period, ["amount"] = row.Amount / 2 });
            if (signed.Count > 0) root["commitments"] = signed;
            root["previousPlan"] = PreviousPlan(previous);
        });
    }

    /// <summary>
    /// <see cref="MonthLater"/> of the random request of <paramref name="seed"/> (<see cref="RandomRequests"/>), after its
    /// plan as the engine solves it: the random re-plans the re-planning tests sweep.
    /// </summary>
    public static AllocationRequest RandomMonthLater(int seed)
    {
        var original = RandomRequests.Create(seed);
        return MonthLater(original, Allocator.Solver.AllocationEngine.Solve(original, new Allocator.Solver.SolveOptions { Explain = Allocator.Solver.ExplainLevel.None }), seed);
    }

    /// <summary>Applies <paramref name="edit"/> to the request's JSON and reads it back (failing the test if it is invalid).</summary>
    public static AllocationRequest Edit(AllocationRequest request, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(AllocatorJson.Serialize(request))!.AsObject();
        edit(root);
        return TestRequests.Parse(root.ToJsonString());
    }

    private static JsonObject PreviousPlan(AllocationResult previous) => new()
    {
        ["allocations"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(previous.Allocations, AllocatorJson.Context.IReadOnlyListAllocationRow)),
    };
}
