using System.Globalization;

namespace Allocator.Solver.Results;

/// <summary>Presentation of numbers in the result.</summary>
internal static class Figures
{
    /// <summary>
    /// Rounds to 12 significant digits, far finer than the contract's 1e-6 accuracy, so that an LP's last-bit
    /// noise (36.00000000000001 units) does not reach the planner. Round-tripping through the shortest decimal
    /// form keeps it deterministic.
    /// </summary>
    public static double Round(double x) =>
        x == 0 || !double.IsFinite(x) ? 0 : double.Parse(x.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>a - b</c>, rounded like <see cref="Round"/>, but 0 when the two agree to 1e-9 of their size: a budget
    /// spent to the last rounding error is reported as fully spent (0, not 5.82e-11).
    /// </summary>
    public static double Difference(double a, double b)
    {
        // The difference of the figures as reported (each rounded to 12 digits), so that a planner who subtracts the
        // two gets this number, and noise in the 13th digit of a large total (1141236999.9999 for 1141237000) does
        // not surface in a small difference (27708000.0001 for 27708000).
        (a, b) = (Round(a), Round(b));
        return Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b)) ? 0 : Round(a - b);
    }
}
