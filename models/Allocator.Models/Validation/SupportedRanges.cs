using System.Globalization;

namespace Allocator.Models;

/// <summary>
/// What Allocator is tested to solve to 1e-6 relative (docs/reliability.md, "Numeric extremes"; NumericExtremesTests
/// checks each limit against an exact rational solver). The engine normalises money, units and value inside
/// (every scale is proportional to the request's own numbers), so no currency or unit of count is too large or too
/// small: the limits are on <em>spreads</em>, ratios inside one request, which no rescaling can remove. A request
/// beyond one is rejected with an error naming both ends, rather than solved with a silent loss of precision.
/// </summary>
public static class SupportedRanges
{
    /// <summary>
    /// Largest ratio between any two amounts of money in the request, in the base currency: every tranche's amount
    /// and every line's unit cost. A simplex code tells money apart to about 1e-9 of the largest budget, and a unit
    /// must still be bought with a sensible number of LP units; tested to be exact at 1e14 (a cent beside a trillion).
    /// </summary>
    public const double MaxMoneySpread = 1e14;

    /// <summary>
    /// Largest ratio between two unit costs, in the base currency. Costs become the LP's coefficients, which are
    /// factored together; "unit costs 1e-1 and 1e9 in one request" (1e10) is exact.
    /// </summary>
    public const double MaxUnitCostSpread = 1e10;

    /// <summary>
    /// Largest ratio, either way, between the money a line's category is counted in (its unit cost times the largest
    /// need quantity or capacity of the category) and the largest amount of money: the LP's coefficients are these
    /// ratios, and HiGHS refuses matrix values above 1e15 and drops those below 1e-9 (found by the fuzzer with a
    /// capacity of 1e20 at a unit cost of 1 beside budgets of 1e6).
    /// </summary>
    public const double MaxLineScaleSpread = 1e12;

    /// <summary>Largest ratio between two needs' priorities: values are told apart to about 1e-9 of the largest; 1e12 is exact.</summary>
    public const double MaxPrioritySpread = 1e12;

    /// <summary>
    /// Largest ratio, within one category, between the largest need quantity or capacity and the smallest need
    /// quantity: the LP counts a category's units on one scale, so a need 1e9 times smaller than the category's
    /// largest number was solved wrongly (a value of 6 instead of 16) while 1e6 is exact.
    /// </summary>
    public const double MaxCategorySpread = 1e6;

    /// <summary>
    /// Every number, and every amount once converted to the base currency, is within [1e-30, 1e30] in size: not a
    /// limit of the method (the spreads above are), but a guard against overflow in products of two numbers and
    /// underflow in quotients, far beyond any currency (a billion dollars in Indonesian rupiah is 1.6e13).
    /// </summary>
    public const double MinMagnitude = 1e-30, MaxMagnitude = 1e30;

    /// <summary>Periods in the horizon: a size limit (the LP grows with it), not a numeric one.</summary>
    public const int MaxPeriods = 600;

    /// <summary>A number as people write it in a request: 0.01, 2.5e12, 1e-6.</summary>
    internal static string N(double x) => x.ToString("G6", CultureInfo.InvariantCulture)
        .Replace("E+0", "e", StringComparison.Ordinal).Replace("E+", "e", StringComparison.Ordinal)
        .Replace("E-0", "e-", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);

    /// <summary>Whether a finite, positive <paramref name="value"/> is within [min, max].</summary>
    internal static bool Within(double value, double min, double max) => value >= min && value <= max;

    /// <summary>Whether a finite, positive <paramref name="value"/> is within the guard of <see cref="MinMagnitude"/> and <see cref="MaxMagnitude"/>.</summary>
    internal static bool Sane(double value) => Within(value, MinMagnitude, MaxMagnitude);
}
