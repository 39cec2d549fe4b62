using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;
using CsCheck;

namespace Allocator.Tests.Properties;

/// <summary>
/// Properties every plan must have, over hundreds of generated valid requests per run (CsCheck, fixed seeds in
/// CI; a failure is shrunk to a minimal request and printed as contract JSON).
/// </summary>
public class PlanPropertyTests
{
    [Fact]
    public void Solve_GeneratedRequest_SatisfiesEveryContractRule()
    {
        RequestGen.Request.Sample(request =>
        {
            var result = AllocationEngine.Solve(request);

            Assert.True(result.Status == "optimal", $"status {result.Status}: {result.Message}");
            var violations = PlanChecker.Check(request, result);
            Assert.True(violations.Count == 0, string.Join("\n", violations));
            var s = result.Summary;
            Assert.InRange(s.Value, 0, s.MaxValue * (1 + 1e-12));
            Assert.InRange(s.Committed, 0, s.Available * (1 + 1e-12));
            // The summaries are the sums of the reported rows (the checker checks them too, to 1e-7).
            AssertClose(s.Value, result.Deliveries.Sum(d => d.Value), s.MaxValue, "summary.value vs deliveries");
            AssertClose(s.Value, result.Needs.Sum(n => n.Value), s.MaxValue, "summary.value vs needs");
            AssertClose(s.Committed, result.Allocations.Sum(a => a.Amount), s.Available, "summary.committed vs allocations");
            AssertClose(s.Committed, result.Donors.Sum(d => d.Committed), s.Available, "summary.committed vs donors");
            AssertClose(s.Committed, result.Lines.Sum(l => l.Funding), s.Available, "summary.committed vs lines");
            AssertClose(s.Available, result.Donors.Sum(d => d.Available), s.Available, "summary.available vs donors");
        }, seed: RequestGen.Seed(1), iter: RequestGen.Iterations(3000), print: RequestGen.Print);
    }

    [Fact]
    public void Solve_SameRequestTwice_GivesIdenticalBytesApartFromTimings()
    {
        RequestGen.Request.Sample(request =>
        {
            var json = System.Text.Encoding.UTF8.GetBytes(RequestReader.Write(request));
            var first = WithoutTimings(AllocationEngine.Solve(json).Result!);
            var second = WithoutTimings(AllocationEngine.Solve(json).Result!);
            Assert.Equal(first, second);
            // And through the object path, which hashes the canonical JSON.
            Assert.Equal(WithoutTimings(AllocationEngine.Solve(request)), WithoutTimings(AllocationEngine.Solve(request)));
        }, seed: RequestGen.Seed(2), iter: RequestGen.Iterations(1000), print: RequestGen.Print);
    }

    // The optimiser is never worse than the careful hand-made plan it is compared with (explanations.baseline), and
    // that plan never spends money it does not have.
    [Fact]
    public void Solve_GeneratedRequest_ValueAtLeastTheBaselines()
    {
        RequestGen.Request.Sample(request =>
        {
            var result = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.Reasons });
            var baseline = result.Explanations!.Baseline;
            Assert.True(baseline.Value <= result.Summary.Value * (1 + 1e-9) + 1e-12, $"baseline value {baseline.Value:R} > optimum {result.Summary.Value:R}");
            Assert.InRange(baseline.Committed, 0, result.Summary.Available * (1 + 1e-12));
            if (baseline.GainPercent is { } gain) Assert.True(gain >= -1e-7, $"gain {gain}% below 0");
        }, seed: RequestGen.Seed(3), iter: RequestGen.Iterations(1000), print: RequestGen.Print);
    }

    /// <summary>The result's JSON with the timing fields the contract allows to differ removed.</summary>
    internal static string WithoutTimings(AllocationResult result)
    {
        var tree = JsonNode.Parse(AllocatorJson.Serialize(result))!.AsObject();
        var diagnostics = tree["diagnostics"]!.AsObject();
        foreach (var timing in new[] { "solveSeconds", "valueStageSeconds", "moneyStageSeconds", "explainSeconds", "totalSeconds" })
            diagnostics.Remove(timing);
        return tree.ToJsonString();
    }

    /// <summary>|a - b| within 1e-6 of the larger (with a floor of 1e-9 of <paramref name="scale"/>).</summary>
    internal static void AssertClose(double a, double b, double scale, string what)
    {
        var tolerance = 1e-6 * Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), 1e-9 * Math.Abs(scale));
        Assert.True(Math.Abs(a - b) <= tolerance, $"{what}: {a:R} vs {b:R} (difference {Math.Abs(a - b):R} > {tolerance:R})");
    }
}
