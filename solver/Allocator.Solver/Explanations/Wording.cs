using System.Globalization;
using System.Text.RegularExpressions;
using Allocator.Models;

namespace Allocator.Solver.Explanations;

/// <summary>Numbers, money and periods as a planner writes them in a sentence (invariant culture, deterministic).</summary>
internal sealed partial class Wording(AllocationRequest request)
{
    private readonly string _currency = request.BaseCurrency;
    private readonly DateOnly? _start = MonthLabel(request.Horizon);

    public string Money(double x) => Math.Abs(x) >= 1e6
        ? $"{(x / 1e6).ToString(Math.Abs(x) >= 1e8 ? "#,0" : "#,0.#", CultureInfo.InvariantCulture)}M {_currency}"
        : $"{x.ToString(Math.Abs(x) >= 100 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture)} {_currency}";

    /// <summary>
    /// Units or values in plain digits, never scientific notation: whole numbers from 100 on, otherwise three
    /// significant digits (<c>0.0485</c>, <c>0.00063</c>).
    /// </summary>
    public static string Number(double x)
    {
        if (x == 0 || !double.IsFinite(x)) return "0";
        if (Math.Abs(x) >= 100) return x.ToString("#,0", CultureInfo.InvariantCulture);
        var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(x))));
        var text = Math.Round(x, Math.Min(digits, 15)).ToString("#,0.###############", CultureInfo.InvariantCulture);
        return text is "0" or "-0" ? "0" : text;
    }

    /// <summary>"1 unit", "3 units", "1,200 units": the noun agrees with the number as it is written.</summary>
    public static string Count(double x, string singular, string? plural = null)
    {
        var number = Number(x);
        return $"{number} {(number == "1" ? singular : plural ?? singular + "s")}";
    }

    /// <summary>"1 line", "2 lines".</summary>
    public static string Count(int x, string singular, string? plural = null) =>
        $"{x.ToString(CultureInfo.InvariantCulture)} {(x == 1 ? singular : plural ?? singular + "s")}";

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>"Oct 2024" when the horizon starts at a month, "period 3" otherwise.</summary>
    public string Period(int s) => _start is { } start ? Month(start.AddMonths(s)) : $"period {s}";

    /// <summary>
    /// "Aug–Oct 2024", "Nov 2024 to Feb 2025", "Sep–Nov 2024, Feb 2025" with a calendar; "periods 2–5", "period 4" or
    /// "periods 2, 4, 7" without.
    /// </summary>
    public string Periods(IReadOnlyCollection<int> periods)
    {
        var sorted = periods.Distinct().Order().ToList();
        if (sorted.Count == 0) return "no period";
        if (sorted.Count == 1) return Period(sorted[0]);
        var contiguous = sorted[^1] - sorted[0] == sorted.Count - 1;
        if (_start is { } start)
        {
            if (contiguous) return Range(start.AddMonths(sorted[0]), start.AddMonths(sorted[^1]));
            var runs = Runs(sorted);
            return runs.Count <= 4
                ? string.Join(", ", runs.Select(r => r.From == r.Until ? Period(r.From) : Range(start.AddMonths(r.From), start.AddMonths(r.Until))))
                : $"{sorted.Count} months between {Period(sorted[0])} and {Period(sorted[^1])}";
        }
        if (contiguous) return $"periods {sorted[0]}–{sorted[^1]}";
        return sorted.Count <= 6 ? $"periods {string.Join(", ", sorted)}" : $"{sorted.Count} periods between {sorted[0]} and {sorted[^1]}";
    }

    /// <summary>"periods 2–5" or "Aug–Oct 2024": every period from <paramref name="from"/> to <paramref name="until"/>.</summary>
    public string Span(int from, int until) =>
        from == until ? Period(from) : Periods(Enumerable.Range(from, until - from + 1).ToList());

    /// <summary>A list of names, the first few and a count of the rest.</summary>
    public static string List(IEnumerable<string> names, int max = 3)
    {
        var all = names.ToList();
        return all.Count <= max ? string.Join(", ", all) : $"{string.Join(", ", all.Take(max))} and {all.Count - max} more";
    }

    /// <summary>Consecutive stretches of a sorted list of periods.</summary>
    private static List<(int From, int Until)> Runs(List<int> sorted)
    {
        var runs = new List<(int From, int Until)>();
        foreach (var s in sorted)
            if (runs.Count > 0 && runs[^1].Until == s - 1) runs[^1] = (runs[^1].From, s);
            else runs.Add((s, s));
        return runs;
    }

    private static string Month(DateOnly d) => d.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    private static string Range(DateOnly from, DateOnly until) => from.Year == until.Year
        ? $"{from.ToString("MMM", CultureInfo.InvariantCulture)}–{Month(until)}"
        : $"{Month(from)} to {Month(until)}";

    private static DateOnly? MonthLabel(Horizon horizon)
    {
        if (horizon.Start is not { } text || !(horizon.Unit is null || horizon.Unit.StartsWith("month", StringComparison.OrdinalIgnoreCase)))
            return null;
        var match = YearMonth().Match(text);
        return match.Success && int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) is >= 1 and <= 12 and var month
            ? new DateOnly(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), month, 1)
            : null;
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex YearMonth();
}
