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
    public static double Difference(double a, double b) =>
        Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b)) ? 0 : Round(a - b);
}
