using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver.WholeUnits;

/// <summary>
/// Contract 1.1 on small random requests (every v1 rule plus lots and minimum orders): the engine's plan passes the
/// independent checker and reaches the optimum that glpsol's branch and bound proves; the relaxed value is the v1
/// engine's value of the request without lots, and never below the value.
/// </summary>
public class WholeUnitOracleTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 40));

    private static readonly double[] LotSizes = [0.5, 1, 2, 3];
    private static readonly double?[] Minimums = [null, null, 2, 4, 5];

    /// <summary>The random request of <paramref name="seed"/> with a lot size on most lines and a minimum order on some, at gap 0.</summary>
    public static AllocationRequest WithWholeUnits(int seed, Func<ProductionLine, Random, double?>? lotSize = null)
    {
        var rng = new Random(seed * 31 + 7);
        var json = JsonNode.Parse(RequestReader.Write(RandomRequests.Create(seed)))!;
        var request = RandomRequests.Create(seed);
        var lines = json["lines"]!.AsArray();
        for (var i = 0; i < lines.Count; i++)
        {
            var lot = lotSize is null ? (rng.Next(5) == 0 ? null : LotSizes[rng.Next(LotSizes.Length)]) : lotSize(request.Lines[i], rng);
            if (lot is { } l) lines[i]!["lotSize"] = l;
            if (Minimums[rng.Next(Minimums.Length)] is { } m && lotSize is null) lines[i]!["minimumOrder"] = m;
        }
        if (!lines.Any(l => l!["lotSize"] is not null || l!["minimumOrder"] is not null)) lines[0]!["lotSize"] = 1;
        json["solver"] = new JsonObject { ["mipGap"] = 0 };
        return TestRequests.Parse(json.ToJsonString());
    }

    [GlpkTheory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomRequestWithLots_AgreesWithGlpsolMip(int seed)
    {
        var request = WithWholeUnits(seed);
        var oracle = GlpkOracle.SolveWholeUnits(request)!;
        var result = AllocationEngine.Solve(request);

        var context = $"seed {seed}\n{RequestReader.Write(request)}";
        Assert.True(result.Status == "optimal", $"status {result.Status} ({result.Message})\n{context}");
        var violations = PlanChecker.Check(request, result);
        Assert.True(violations.Count == 0, $"{string.Join("\n", violations)}\n{context}");
        Assert.True(Math.Abs(result.Summary.Value - oracle.Value) <= 1e-6 * Math.Max(1, oracle.Value),
            $"value {result.Summary.Value:R}, glpsol {oracle.Value:R}\n{context}");
        Assert.True(Math.Abs(result.Summary.Committed - oracle.Committed) <= 1e-6 * Math.Max(1, oracle.Committed),
            $"committed {result.Summary.Committed:R}, glpsol {oracle.Committed:R}\n{context}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RelaxedValue_IsTheValueWithoutLots_AndNeverBelowTheValue(int seed)
    {
        var request = WithWholeUnits(seed);
        var result = AllocationEngine.Solve(request);
        var withoutLots = AllocationEngine.Solve(RandomRequests.Create(seed));

        var relaxed = result.Summary.RelaxedValue!.Value;
        Assert.True(relaxed >= result.Summary.Value, $"relaxedValue {relaxed} < value {result.Summary.Value}");
        Assert.True(Math.Abs(relaxed - withoutLots.Summary.Value) <= 1e-7 * Math.Max(1, relaxed),
            $"relaxedValue {relaxed:R}, value without lots {withoutLots.Summary.Value:R}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(27)]
    public void Value_WithTinyLots_TendsToTheRelaxedValue(int seed)
    {
        // Lots of a thousandth of the line's capacity: whole lots cost at most a few thousandths of the value.
        var request = WithWholeUnits(seed, (line, _) => Math.Max(1e-3, line.Capacity.Constant ?? line.Capacity.PerPeriod!.Max()) / 1000);
        var result = AllocationEngine.Solve(request);
        Assert.Equal("optimal", result.Status);
        Assert.Empty(PlanChecker.Check(request, result));
        var relaxed = result.Summary.RelaxedValue!.Value;
        Assert.True(relaxed - result.Summary.Value <= 1e-2 * Math.Max(1, relaxed), $"value {result.Summary.Value}, relaxed {relaxed}");
    }
}
