using System.Globalization;

namespace Allocator.Report;

/// <summary>
/// Numbers and counts as a planner reads them, shared by the report and the CLI's briefing: plain digits (never
/// <c>6.3e-4</c>), a few significant digits, and nouns that agree with the number ("1 unit", "2 units").
/// </summary>
internal static class Plain
{
    /// <summary>Whole numbers with thousands separators from 100 on, otherwise three significant digits: <c>0.0485</c>, <c>0.00063</c>.</summary>
    public static string Number(double x)
    {
        if (x == 0 || !double.IsFinite(x)) return "0";
        if (Math.Abs(x) >= 100) return x.ToString("#,0", CultureInfo.InvariantCulture);
        var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(x))));
        var text = Math.Round(x, Math.Min(digits, 15)).ToString("#,0.###############", CultureInfo.InvariantCulture);
        return text is "0" or "-0" ? "0" : text;
    }

    /// <summary>"1 unit", "3 units": <paramref name="number"/> as already written, and the noun that agrees with it.</summary>
    public static string Count(string number, string singular, string? plural = null) =>
        $"{number} {Noun(number, singular, plural)}";

    /// <summary>"1 line", "12 lines".</summary>
    public static string Count(int x, string singular, string? plural = null) =>
        Count(x.ToString("#,0", CultureInfo.InvariantCulture), singular, plural);

    /// <summary>The noun alone, singular when <paramref name="number"/> reads as one.</summary>
    public static string Noun(string number, string singular, string? plural = null) =>
        number == "1" ? singular : plural ?? singular + "s";
}
