namespace Allocator.Scenarios;

/// <summary>A product category with the figures a generated line or need of it is drawn from.</summary>
/// <param name="Id">Category id as it appears in the request.</param>
/// <param name="Product">Product label for the lines.</param>
/// <param name="Group">Family used by earmark patterns ("drone", "ammunition", ...).</param>
/// <param name="UnitCost">Typical price of one unit, in <paramref name="Currency"/>; lines vary by ±20%.</param>
/// <param name="Currency">Currency in which the figure was reported.</param>
/// <param name="MonthlyMin">Smallest non-contracted capacity of one line, units per month.</param>
/// <param name="MonthlyMax">Largest non-contracted capacity of one line, units per month.</param>
/// <param name="LeadMin">Shortest lead time from funding to delivery, months.</param>
/// <param name="LeadMax">Longest lead time, months.</param>
/// <param name="LineWeight">Share of the lines in this category (0: nobody in the scenario makes it).</param>
/// <param name="BrigadeWeight">How often brigades ask for it.</param>
/// <param name="NationalWeight">How often national-level needs ask for it.</param>
internal sealed record Category(
    string Id, string Product, string Group, double UnitCost, string Currency,
    double MonthlyMin, double MonthlyMax, int LeadMin, int LeadMax,
    double LineWeight, double BrigadeWeight, double NationalWeight);

/// <summary>
/// The categories a scenario draws from. Figures marked S or E in comments are from
/// /work/shared/guides/domain-facts.md (stated by a source, or estimated from stated figures); the rest are
/// illustrative orders of magnitude, chosen only to make the scenario plausible.
/// </summary>
internal static class Catalogue
{
    public const string Drone = "drone";
    public const string Ammunition = "ammunition";

    public static IReadOnlyList<Category> Categories { get; } =
    [
        // Bohdana: ~$2.5M (S); 6 -> 20 a month over 2024 (S); 18 units in about two months (S).
        new("spg-155", "155 mm self-propelled gun", "artillery", 2_500_000, "USD", 6, 20, 2, 2, 3, 0, 6),
        // FPV: $400-1,000 (S), 2.2M made in 2024 (S) = thousands a month per line; delivered in weeks (S).
        new("fpv-drone", "FPV strike drone", Drone, 500, "USD", 2_000, 30_000, 1, 1, 18, 30, 6),
        // FP-1 ~€47k (S), at most ~€100k (E); > 2,000 a month nationally (S).
        new("uav-long-range", "long-range strike drone", Drone, 70_000, "EUR", 20, 200, 1, 3, 6, 0, 6),
        // $3,500-5,000 (S); target 1,000 a day nationally (S).
        new("uav-interceptor", "interceptor drone", Drone, 4_200, "USD", 300, 3_000, 1, 1, 8, 10, 5),
        // Heavy bomber multicopter: illustrative.
        new("uav-bomber", "heavy bomber multicopter", Drone, 12_000, "USD", 50, 600, 1, 2, 6, 12, 2),
        // Naval strike drone: illustrative.
        new("sea-drone", "naval strike drone", Drone, 250_000, "EUR", 2, 12, 2, 3, 1, 0, 2),
        // ~$4,000 NATO average (S), ~€3,300 Expal (E).
        new("shell-155", "155 mm artillery shell", Ammunition, 3_600, "EUR", 2_000, 20_000, 2, 4, 8, 4, 10),
        // Mortar rounds: illustrative.
        new("mortar-120", "120 mm mortar round", Ammunition, 1_000, "EUR", 2_000, 15_000, 1, 2, 6, 8, 5),
        new("mortar-82", "82 mm mortar round", Ammunition, 350, "EUR", 3_000, 25_000, 1, 2, 5, 10, 3),
        // ~$0.5M (E); about six months (S, older data); complex products take 6-8 months (S).
        new("armoured-vehicle", "armoured vehicle", "vehicle", 500_000, "USD", 2, 10, 6, 6, 4, 1, 5),
        // From ~$5,000 (S); 15,000 planned for 2025 (S).
        new("ugv", "unmanned ground vehicle", "robotics", 10_000, "USD", 20, 300, 1, 2, 5, 8, 3),
        // ~$13k (E); > 11,000 contracted in 11 months of 2024 (S); "quick" (S).
        new("ew-portable", "portable EW set", "ew", 13_000, "USD", 50, 500, 1, 1, 5, 10, 3),
        // Made by nobody in the scenario: needs for it are real but cannot be met (a few per scenario).
        new("sam-interceptor", "air-defence interceptor missile", "air-defence", 1_000_000, "USD", 0, 0, 0, 0, 0, 0, 0),
    ];

    /// <summary>Ids of the categories of one group, in catalogue order.</summary>
    public static string[] IdsOf(params string[] groups) =>
        Categories.Where(c => groups.Contains(c.Group)).Select(c => c.Id).ToArray();
}
