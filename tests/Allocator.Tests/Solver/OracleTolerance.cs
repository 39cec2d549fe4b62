using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>How a solver's V and C are compared with the exact oracle (the approach of OracleAgreementTests).</summary>
internal static class OracleTolerance
{
    /// <summary>Relative tolerance of the comparison.</summary>
    public const double Relative = 1e-6;

    public static bool ValueAgrees(OracleSolution oracle, double value, double relative = Relative) =>
        Math.Abs(value - oracle.Value) <= relative * Math.Max(1, Math.Abs(oracle.Value));

    /// <summary>
    /// The contract lets V fall 1e-7 short of V*, which may save a sliver of money: any C between the oracle's C at
    /// V* - 1e-7|V*| and its C at V* itself is right, to 1e-6 relative.
    /// </summary>
    public static bool CommittedAgrees(OracleSolution oracle, double committed, double relative = Relative)
    {
        var tolerance = relative * Math.Max(1, oracle.CommittedAtExactValue);
        return committed >= oracle.Committed - tolerance && committed <= oracle.CommittedAtExactValue + tolerance;
    }

    public static void AssertValue(OracleSolution oracle, double value, string context = "", double relative = Relative) =>
        Assert.True(ValueAgrees(oracle, value, relative), $"value {value:R}, oracle V* {oracle.Value:R}\n{context}");

    public static void AssertCommitted(OracleSolution oracle, double committed, string context = "", double relative = Relative) =>
        Assert.True(CommittedAgrees(oracle, committed, relative),
            $"committed {committed:R}, oracle C* in [{oracle.Committed:R}, {oracle.CommittedAtExactValue:R}]\n{context}");
}
