namespace Allocator.Scenarios.Hard;

/// <summary>
/// The shape of a request built to stress the engine rather than to look like 2024: many distinct earmark
/// combinations (pools that do not collapse), many categories, binding producer-share caps, capacity arrays with
/// zeros, wide single-category pools, identical lines, and money in any currency. Written apart from
/// <see cref="ScenarioGenerator"/> and its catalogue, so the engine is not only tested on what it was tuned on.
/// </summary>
/// <param name="Name">Short label (also the preset name).</param>
/// <param name="Donors">Donors, each with 1 to 3 tranches.</param>
/// <param name="Lines">Production lines.</param>
/// <param name="Periods">Periods in the horizon.</param>
/// <param name="Needs">Needs.</param>
/// <param name="Categories">Distinct product categories.</param>
/// <param name="EarmarkChance">Chance that a donor earmarks its money (random category, country and producer lists).</param>
/// <param name="MaxProducerShare">The producer-share cap, or null.</param>
/// <param name="ZeroCapacityChance">Chance that a line's capacity in a period is 0 (capacity given per period).</param>
/// <param name="IdenticalLines">Every line the same (category, cost, lead time, capacity), each of its own producer.</param>
/// <param name="MoneyFactor">Every amount and unit cost is multiplied by this (a change of currency: 1,400 for KRW against USD).</param>
/// <param name="BaseCurrency">Currency of every amount.</param>
/// <param name="PooledEarmarks">
/// Earmarks name only categories and, for some donors, Ukrainian production: no country lists, no excluded producers.
/// Lines then share their eligible donors by category and country, so the pools collapse (at most two per category),
/// as they did on the independent generator of issue 17 (80 pools and 40 donor groups at national scale, 146 and
/// 111 at research scale); the money network is small and the time goes into units and needs.
/// </param>
public sealed record HardStructure(
    string Name, int Donors, int Lines, int Periods, int Needs, int Categories,
    double EarmarkChance, double? MaxProducerShare, double ZeroCapacityChance, bool IdenticalLines = false,
    double MoneyFactor = 1, string BaseCurrency = "USD", bool PooledEarmarks = false)
{
    /// <summary>The named structures, smallest first within each kind.</summary>
    public static IReadOnlyList<string> Names { get; } = ["small", "national", "research", "national-pooled", "research-pooled", "wide", "identical"];

    /// <summary>
    /// <c>small</c> (8 donors, 40 lines, 12 periods, 25 needs: for exact-oracle tests), <c>national</c> (60, 2,000,
    /// 36, 400; 40 categories, earmarks on 80% of donors, 25% cap), <c>research</c> (200, 10,000, 48, 2,000),
    /// <c>national-pooled</c> and <c>research-pooled</c> (the same sizes with <see cref="PooledEarmarks"/>), <c>wide</c>
    /// (3 donors, 30,000 lines of one category, 24 periods, 600 needs), <c>identical</c> (3 donors, 100,000 identical
    /// lines, 24 periods, 600 needs).
    /// </summary>
    public static HardStructure Named(string name) => name.Trim().ToLowerInvariant() switch
    {
        "small" => new HardStructure("small", 8, 40, 12, 25, 6, 0.8, 0.3, 0.2),
        "national" => new HardStructure("national", 60, 2_000, 36, 400, 40, 0.8, 0.25, 0.15),
        "research" => new HardStructure("research", 200, 10_000, 48, 2_000, 60, 0.8, 0.25, 0.15),
        "national-pooled" => new HardStructure("national-pooled", 60, 2_000, 36, 400, 40, 0.8, 0.25, 0.15, PooledEarmarks: true),
        "research-pooled" => new HardStructure("research-pooled", 200, 10_000, 48, 2_000, 60, 0.8, 0.25, 0.15, PooledEarmarks: true),
        "wide" => new HardStructure("wide", 3, 30_000, 24, 600, 1, 0.0, null, 0.1),
        "identical" => new HardStructure("identical", 3, 100_000, 24, 600, 1, 0.0, null, 0.0, IdenticalLines: true),
        _ => throw new ArgumentException($"'{name}' is not a hard structure (use one of: {string.Join(", ", Names)})", nameof(name)),
    };
}
