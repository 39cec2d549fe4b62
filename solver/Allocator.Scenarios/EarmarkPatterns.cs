using Allocator.Models;

namespace Allocator.Scenarios;

/// <summary>
/// The earmarks a generated donor can carry. Real partners reuse a handful of rules ("Ukrainian producers
/// only", "drones only", EU instruments' "EU/EEA or Ukraine"), and a solver can pool donors that share a rule,
/// so every donor draws one of these few patterns rather than a random mix of its own.
/// </summary>
internal static class EarmarkPatterns
{
    public const string Unrestricted = "unrestricted";
    public const string UkraineOnly = "ua-only";
    public const string Drones = "drones";
    public const string UkrainianDrones = "ua-drones";
    public const string AmmunitionOnly = "ammunition";
    public const string UkraineAndEu = "ua-eu";
    public const string LongRange = "long-range";
    public const string CounterDrone = "counter-drone";
    public const string HomeAndUkraine = "home-and-ua";
    public const string Vetted = "vetted";

    /// <summary>Each pattern and how often a donor without a known earmark draws it.</summary>
    private static readonly (string Name, double Weight)[] Library =
    [
        (Unrestricted, 25), (UkraineOnly, 25), (Drones, 10), (UkrainianDrones, 10), (AmmunitionOnly, 8),
        (UkraineAndEu, 10), (LongRange, 4), (CounterDrone, 3), (HomeAndUkraine, 3), (Vetted, 2),
    ];

    private static readonly string[] DroneCategories = Catalogue.IdsOf(Catalogue.Drone);
    private static readonly string[] AmmunitionCategories = Catalogue.IdsOf(Catalogue.Ammunition);

    public static string Choose(Random rng) => Library[rng.PickWeighted(Library.Select(p => p.Weight).ToArray())].Name;

    /// <summary>The eligibility of <paramref name="pattern"/> for a donor from <paramref name="homeCountry"/>.</summary>
    /// <param name="pattern">One of the pattern names.</param>
    /// <param name="homeCountry">The donor's own producer country, if it has one.</param>
    /// <param name="vettedProducers">The scenario's vetted-producer list, for <see cref="Vetted"/>.</param>
    public static Eligibility? Build(string pattern, string? homeCountry, IReadOnlyList<string> vettedProducers) => pattern switch
    {
        Unrestricted => null,
        UkraineOnly => new Eligibility { Countries = [Markets.Ukraine] },
        Drones => new Eligibility { Categories = DroneCategories },
        UkrainianDrones => new Eligibility { Categories = DroneCategories, Countries = [Markets.Ukraine] },
        AmmunitionOnly => new Eligibility { Categories = AmmunitionCategories },
        UkraineAndEu => new Eligibility { Countries = Markets.UkraineAndEuEea },
        LongRange => new Eligibility { Categories = ["uav-long-range", "sea-drone"] },
        CounterDrone => new Eligibility { Categories = ["uav-interceptor", "ew-portable"] },
        HomeAndUkraine => new Eligibility { Countries = homeCountry is null ? [Markets.Ukraine] : [Markets.Ukraine, homeCountry] },
        Vetted => new Eligibility { Producers = vettedProducers },
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "unknown earmark pattern"),
    };

    /// <summary><paramref name="eligibility"/> with <paramref name="excluded"/> producers added.</summary>
    public static Eligibility WithExclusions(Eligibility? eligibility, IReadOnlyList<string> excluded) => new()
    {
        Categories = eligibility?.Categories,
        Countries = eligibility?.Countries,
        Producers = eligibility?.Producers,
        ExcludedProducers = excluded,
    };
}
