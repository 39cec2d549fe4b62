using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>
/// The one check every "engine against the exact oracle" test makes: the result is optimal, breaks no rule of the
/// contract (<see cref="PlanChecker"/>), and its value and committed money are the oracle's lexicographic optimum.
/// </summary>
public static class OracleVerdict
{
    public static void AssertAgrees(AllocationRequest request, AllocationResult result, OracleSolution oracle, int seed)
    {
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
