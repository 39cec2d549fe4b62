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
    public static bool Allow(Eligibility? rules, ProductionLine line) => Filter(rules)(line);

    /// <summary>
    /// <see cref="Allow"/> for one donor's earmarks, its lists read once into sets: the engine asks it for every donor
    /// and line (2 million times at research scale, where scanning the lists took half a second before the solve).
    /// </summary>
    public static Func<ProductionLine, bool> Filter(Eligibility? rules)
    {
        if (rules is null) return _ => true;
        var (categories, countries, producers) = (Set(rules.Categories), Set(rules.Countries), Set(rules.Producers));
        var excluded = rules.ExcludedProducers is { Count: > 0 } list ? list.ToHashSet(StringComparer.Ordinal) : null;
        return line => Permits(categories, line.Category) && Permits(countries, line.Country) && Permits(producers, line.Producer)
            && !(excluded?.Contains(line.Producer) ?? false);
    }

    // A list absent or empty permits every value (null here).
    private static HashSet<string>? Set(IReadOnlyList<string>? allowed) =>
        allowed is { Count: > 0 } ? allowed.ToHashSet(StringComparer.Ordinal) : null;

    private static bool Permits(HashSet<string>? allowed, string value) => allowed is null || allowed.Contains(value);
}
