using System.Globalization;

namespace Allocator.Models;

/// <summary>
/// The numeric ranges Allocator is tested to solve to 1e-6 relative (docs/reliability.md, "Numeric extremes";
/// NumericExtremesTests checks every end against an exact rational solver). A request outside them is rejected
/// with an error that names the range, rather than solved with a silent loss of precision.
/// </summary>
public static class SupportedRanges
{
    /// <summary>Tranche amounts, in the tranche's currency.</summary>
    public const double MinAmount = 1e-2, MaxAmount = 1e12;

    /// <summary>Unit costs, in the line's currency.</summary>
    public const double MinUnitCost = 1e-1, MaxUnitCost = 1e9;

    /// <summary>Need quantities, in units; capacities per period may be 0 to <see cref="MaxQuantity"/>.</summary>
    public const double MinQuantity = 1e-3, MaxQuantity = 1e9;

    /// <summary>Need priorities.</summary>
    public const double MinPriority = 1e-6, MaxPriority = 1e6;

    /// <summary>Exchange rates (value of one unit of the currency in the base currency).</summary>
    public const double MinRate = 1e-6, MaxRate = 1e6;

    /// <summary>Periods in the horizon.</summary>
    public const int MaxPeriods = 600;

    /// <summary>
    /// Largest ratio, within one category, between the largest need quantity or capacity and the smallest need
    /// quantity: the LP counts a category's units on one scale, so a need 1e9 times smaller than the category's
    /// largest number was solved wrongly (a value of 6 instead of 16) while 1e6 is exact.
    /// </summary>
    public const double MaxCategorySpread = 1e6;

    /// <summary>A number as people write it in a request: 0.01, 2.5e12, 1e-6.</summary>
    internal static string N(double x) => x.ToString("G6", CultureInfo.InvariantCulture)
        .Replace("E+0", "e", StringComparison.Ordinal).Replace("E+", "e", StringComparison.Ordinal)
        .Replace("E-0", "e-", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);

    /// <summary>Whether a finite, positive <paramref name="value"/> is within [min, max].</summary>
    internal static bool Within(double value, double min, double max) => value >= min && value <= max;
}
