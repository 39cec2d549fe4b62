namespace Allocator.Models;

/// <summary>
/// The contract's eligibility rule: <c>eligible(k, l)</c> for the donor of tranche <c>k</c>. Here, beside the contract's
/// types, so that the engine and the request's own validation (commitments, previous plans) apply the same rule.
/// </summary>
public static class Earmarks
{
    /// <summary>
    /// Each list, when present and non-empty, must contain the line's attribute; a producer in
    /// <c>excludedProducers</c> is never eligible. Matching is exact (ordinal), as ids are.
    /// </summary>
    public static bool Allow(Eligibility? rules, ProductionLine line) =>
        rules is null
        || (Permits(rules.Categories, line.Category)
            && Permits(rules.Countries, line.Country)
            && Permits(rules.Producers, line.Producer)
            && !(rules.ExcludedProducers?.Contains(line.Producer, StringComparer.Ordinal) ?? false));

    private static bool Permits(IReadOnlyList<string>? allowed, string value) =>
        allowed is null || allowed.Count == 0 || allowed.Contains(value, StringComparer.Ordinal);
}
