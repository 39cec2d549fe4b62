using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// The pooled reformulation (docs/model.md) against the contract's formulation written variable by variable:
/// same optimal value and committed money, and both plans valid.
/// </summary>
public class FormulationEquivalenceTests
{
    private const double Relative = 1e-6;

    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 100));

    public static TheoryData<string> ExampleNames() => new(Examples.All);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomRequest_PooledEqualsPlain(int seed)
    {
        AssertEquivalent(RandomRequests.Create(seed), $"seed {seed}");
    }

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void Solve_Example_PooledEqualsPlain(string example)
    {
        AssertEquivalent(Examples.Request(example), example);
    }

    private static void AssertEquivalent(AllocationRequest request, string name)
    {
        var pooled = AllocationEngine.Solve(request, new SolveOptions { Formulation = FormulationKind.Pooled });
        var plain = AllocationEngine.Solve(request, new SolveOptions { Formulation = FormulationKind.Plain });

        var context = $"{name}\n{RequestReader.Write(request)}";
        foreach (var (kind, result) in new[] { ("pooled", pooled), ("plain", plain) })
        {
            Assert.True(result.Status == "optimal", $"{kind}: status {result.Status} ({result.Message})\n{context}");
            var violations = PlanChecker.Check(request, result);
            Assert.True(violations.Count == 0, $"{kind}:\n{string.Join("\n", violations)}\n{context}");
        }
        Assert.True(Close(pooled.Summary.Value, plain.Summary.Value),
            $"value: pooled {pooled.Summary.Value:R}, plain {plain.Summary.Value:R}\n{context}");
        Assert.True(Close(pooled.Summary.Committed, plain.Summary.Committed),
            $"committed: pooled {pooled.Summary.Committed:R}, plain {plain.Summary.Committed:R}\n{context}");
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= Relative * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
