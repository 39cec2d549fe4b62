using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Explanations;

/// <summary>Shared steps of the explanation tests: solve with every explanation, look up rows, perturb a request.</summary>
internal static class Explain
{
    /// <summary>Solves <paramref name="json"/> with <paramref name="level"/> explanations; asserts an optimal plan the checker accepts.</summary>
    public static AllocationResult Solve(string json, ExplainLevel level = ExplainLevel.Full) => Solve(TestRequests.Parse(json), level);

    public static AllocationResult Solve(AllocationRequest request, ExplainLevel level = ExplainLevel.Full)
    {
        var result = AllocationEngine.Solve(request, new SolveOptions { Explain = level });
        Assert.True(result.Status == "optimal", $"status {result.Status}: {result.Message}");
        var violations = PlanChecker.Check(request, result);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        return result;
    }

    public static PlanExplanations Of(AllocationResult result) =>
        result.Explanations ?? throw new Xunit.Sdk.XunitException("the result has no explanations");

    public static TrancheExplanation TrancheWhy(AllocationResult result, string donor, int tranche = 0) =>
        Of(result).Tranches.Single(t => t.Donor == donor && t.Tranche == tranche);

    public static LineExplanation LineWhy(AllocationResult result, string line) => Of(result).Lines.Single(l => l.Line == line);

    public static NeedExplanation NeedWhy(AllocationResult result, string need) => Of(result).Needs.Single(n => n.Need == need);

    /// <summary><paramref name="request"/> as JSON, changed by <paramref name="edit"/>, read back (and checked valid).</summary>
    public static AllocationRequest With(AllocationRequest request, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(RequestReader.Write(request))!;
        edit(node);
        return TestRequests.Parse(node.ToJsonString());
    }

    /// <summary>Base-currency value of one unit of <paramref name="currency"/>.</summary>
    public static double Rate(AllocationRequest request, string currency) =>
        currency == request.BaseCurrency ? 1 : request.ExchangeRates![currency];
}
