namespace Allocator.Scenarios;

/// <summary>A country where producers are located.</summary>
internal sealed record ProducerCountry(string Code, string Currency, bool EuOrEea, double Weight);

/// <summary>A partner that pays: its id, display name, currency, country and the earmark it is known for.</summary>
/// <param name="Id">Donor id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Currency">Currency it usually pays in.</param>
/// <param name="Country">Its own producer country, for the home-and-Ukraine earmark.</param>
/// <param name="KnownEarmark">The earmark pattern its reported contributions carried, if any.</param>
/// <param name="Scale">Relative size of its contributions (Denmark and the EU windfall are large, Iceland tiny).</param>
internal sealed record DonorProfile(string Id, string Name, string Currency, string? Country, string? KnownEarmark, double Scale);

/// <summary>Currencies, countries and donors the generator draws from. Base currency is EUR.</summary>
internal static class Markets
{
    public const string BaseCurrency = "EUR";
    public const string Ukraine = "UA";

    /// <summary>Approximate value of one unit in EUR, early 2025 (illustrative; not for quoting).</summary>
    public static IReadOnlyList<(string Code, double Rate)> Rates { get; } =
    [
        ("USD", 0.96), ("GBP", 1.19), ("CAD", 0.67), ("AUD", 0.60), ("NZD", 0.54), ("DKK", 0.134),
        ("SEK", 0.087), ("NOK", 0.085), ("PLN", 0.235), ("CZK", 0.040), ("ISK", 0.0069),
    ];

    public static double Rate(string code)
    {
        if (code == BaseCurrency) return 1;
        foreach (var (c, rate) in Rates)
            if (c == code) return rate;
        throw new InvalidOperationException($"no rate for {code}");
    }

    /// <summary>European producer countries (about 15% of producers are European).</summary>
    public static IReadOnlyList<ProducerCountry> European { get; } =
    [
        new("PL", "PLN", true, 4), new("CZ", "CZK", true, 4), new("DE", "EUR", true, 3), new("DK", "DKK", true, 2),
        new("SE", "SEK", true, 2), new("LT", "EUR", true, 2), new("FI", "EUR", true, 1), new("NL", "EUR", true, 1),
        new("FR", "EUR", true, 1), new("SK", "EUR", true, 2), new("EE", "EUR", true, 1), new("NO", "NOK", true, 1),
        new("GB", "GBP", false, 2),
    ];

    /// <summary>Ukraine and the EU/EEA countries above: the supplier rule of EU instruments.</summary>
    public static string[] UkraineAndEuEea { get; } =
        [Ukraine, .. European.Where(c => c.EuOrEea).Select(c => c.Code)];

    /// <summary>
    /// Partners, first the ones with public Danish-model contributions (domain-facts.md) and the earmark they
    /// were reported with, then other plausible partners. Larger scenarios add further funds of the same partners.
    /// </summary>
    public static IReadOnlyList<DonorProfile> Donors { get; } =
    [
        new("dk", "Denmark", "DKK", "DK", EarmarkPatterns.UkraineOnly, 5),
        new("eu-erl", "EU windfall profits (through Denmark)", "EUR", null, EarmarkPatterns.UkraineOnly, 8),
        new("se", "Sweden", "SEK", "SE", EarmarkPatterns.UkraineOnly, 1),
        new("no", "Norway", "NOK", "NO", EarmarkPatterns.Drones, 4),
        new("ca", "Canada", "CAD", null, EarmarkPatterns.Drones, 1),
        new("de", "Germany", "EUR", "DE", EarmarkPatterns.LongRange, 3),
        new("nl", "Netherlands", "EUR", "NL", EarmarkPatterns.HomeAndUkraine, 2),
        new("lt", "Lithuania", "EUR", "LT", EarmarkPatterns.UkraineOnly, 0.3),
        new("is", "Iceland", "ISK", null, EarmarkPatterns.UkraineOnly, 0.05),
        new("gb", "United Kingdom", "GBP", "GB", null, 2),
        new("fi", "Finland", "EUR", "FI", null, 0.8),
        new("ee", "Estonia", "EUR", "EE", null, 0.3),
        new("lv", "Latvia", "EUR", null, null, 0.2),
        new("be", "Belgium", "EUR", null, null, 1),
        new("fr", "France", "EUR", "FR", null, 1.5),
        new("pl", "Poland", "PLN", "PL", null, 0.8),
        new("cz", "Czechia", "CZK", "CZ", null, 0.5),
        new("us", "United States", "USD", null, null, 3),
        new("lu", "Luxembourg", "EUR", null, null, 0.2),
        new("pt", "Portugal", "EUR", null, null, 0.3),
        new("es", "Spain", "EUR", null, null, 0.8),
        new("it", "Italy", "EUR", null, null, 1),
        new("au", "Australia", "AUD", null, null, 0.5),
        new("nz", "New Zealand", "NZD", null, null, 0.1),
    ];
}
