// Compiled only once the solver exists: define SOLVER_READY (or remove this guard when merging).

using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// The engine against the exact oracle on small random requests: its plan must satisfy every rule of the
/// contract, and its value and committed money must be the lexicographic optimum.
/// </summary>
public class OracleAgreementTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 60));

    [GlpkTheory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomRequest_AgreesWithOracle(int seed)
    {
        var request = RandomRequests.Create(seed);
        var oracle = GlpkOracle.Solve(request)!;

        var result = AllocationEngine.Solve(request);

        var context = $"seed {seed}\n{RequestReader.Write(request)}";
        Assert.True(result.Status == "optimal", $"status {result.Status} ({result.Message})\n{context}");
        var violations = PlanChecker.Check(request, result);
        Assert.True(violations.Count == 0, $"{string.Join("\n", violations)}\n{context}");

        var value = result.Summary.Value;
        Assert.True(Math.Abs(value - oracle.Value) <= 1e-6 * Math.Max(1, Math.Abs(oracle.Value)),
            $"value {value:R}, oracle V* {oracle.Value:R}\n{context}");

        // The contract lets V fall 1e-7 short of V*, which may save a sliver of money: any C between the oracle's
        // C at V* - 1e-7|V*| and its C at V* itself is right (the two almost always coincide).
        var committed = result.Summary.Committed;
        var tolerance = 1e-6 * Math.Max(1, oracle.CommittedAtExactValue);
        Assert.True(committed >= oracle.Committed - tolerance && committed <= oracle.CommittedAtExactValue + tolerance,
            $"committed {committed:R}, oracle C* in [{oracle.Committed:R}, {oracle.CommittedAtExactValue:R}]\n{context}");
    }
}

