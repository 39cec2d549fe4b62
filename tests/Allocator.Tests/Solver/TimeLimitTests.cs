using System.Text;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>A time limit too short to solve anything: an honest status and message, never an exception or a hang.</summary>
public class TimeLimitTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    public static TheoryData<string> BackendNames() => new(AllocationEngine.Backends);

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void Solve_TinyTimeLimitInOptions_FeasibleOrNotSolvedWithMessage(string backend)
    {
        var request = MediumRequest.Value;

        var result = WithinHangLimit(() => AllocationEngine.Solve(request, new SolveOptions { Backend = backend, TimeLimitSeconds = 1e-9 }));

        AssertHonest(request, result);
    }

    [Fact]
    public void Solve_TinyTimeLimitInRequest_FeasibleOrNotSolvedWithMessage()
    {
        var root = JsonNode.Parse(AllocatorJson.Serialize(MediumRequest.Value))!.AsObject();
        root["solver"] = new JsonObject { ["timeLimitSeconds"] = 1e-9 };
        var bytes = Encoding.UTF8.GetBytes(root.ToJsonString());

        var outcome = WithinHangLimit(() => AllocationEngine.Solve(bytes));

        Assert.Empty(outcome.Errors);
        AssertHonest(MediumRequest.Value, outcome.Result!);
    }

    private static void AssertHonest(AllocationRequest request, AllocationResult result)
    {
        Assert.True(result.Status is "feasible" or "not_solved", $"status {result.Status} with a 1e-9 s limit");
        Assert.False(string.IsNullOrWhiteSpace(result.Message), $"status {result.Status} without a message");
        var violations = PlanChecker.Check(request, result);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static T WithinHangLimit<T>(Func<T> solve)
    {
        var task = Task.Run(solve);
        Assert.True(task.Wait(Hang), $"the solve did not return within {Hang.TotalSeconds} s");
        return task.Result;
    }
}
