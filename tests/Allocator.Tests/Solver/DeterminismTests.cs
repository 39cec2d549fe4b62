using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>The same request gives the same result, byte for byte, apart from timings in diagnostics.</summary>
public class DeterminismTests
{
    private static readonly string[] TimingFields = ["solveSeconds", "valueStageSeconds", "moneyStageSeconds", "explainSeconds", "totalSeconds"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in AllocationEngine.Backends)
        {
            data.Add(backend, Examples.Ukraine2024);
            data.Add(backend, Examples.TwoDonors);
            data.Add(backend, "seed 7");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_SameRequestTwice_IdenticalJsonApartFromTimings(string backend, string name)
    {
        var request = name.StartsWith("seed ", StringComparison.Ordinal) ? RandomRequests.Create(int.Parse(name[5..])) : Examples.Request(name);
        var options = new SolveOptions { Backend = backend };

        var first = WithoutTimings(AllocatorJson.Serialize(AllocationEngine.Solve(request, options)));
        var second = WithoutTimings(AllocatorJson.Serialize(AllocationEngine.Solve(request, options)));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Solve_WholeUnitsTwice_IdenticalJsonApartFromTimings()
    {
        // Contract 1.1: HiGHS's MIP runs on one thread, so its search, and the plan, are the same every time.
        var request = Examples.Request("ukraine-2024-whole-units.json");

        var first = WithoutTimings(AllocatorJson.Serialize(AllocationEngine.Solve(request)));
        var second = WithoutTimings(AllocatorJson.Serialize(AllocationEngine.Solve(request)));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Solve_SameBytesTwice_IdenticalJsonApartFromTimings()
    {
        var bytes = File.ReadAllBytes(Examples.PathOf(Examples.Ukraine2024));

        var first = WithoutTimings(AllocatorJson.Serialize(AllocationEngine.Solve(bytes).Result!));
        var second = WithoutTimings(AllocatorJson.Serialize(AllocationEngine.Solve(bytes).Result!));

        Assert.Equal(first, second);
    }

    internal static string WithoutTimings(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var diagnostics = root["diagnostics"]!.AsObject();
        foreach (var field in TimingFields)
        {
            Assert.True(diagnostics.ContainsKey(field), $"diagnostics.{field} is missing");
            diagnostics[field] = 0;
        }
        return root.ToJsonString();
    }
}
