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

    /// <summary>Units or values: whole numbers from 100 on, otherwise three significant digits.</summary>
    public static string Number(double x)
    {
        if (x == 0 || !double.IsFinite(x)) return "0";
        if (Math.Abs(x) >= 100) return x.ToString("#,0", CultureInfo.InvariantCulture);
        var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(x))));
        return Math.Round(x, Math.Min(digits, 15)).ToString("#,0.###############", CultureInfo.InvariantCulture);
    }

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>"period 3", or "period 3 (2024-10)" when the horizon starts at a month.</summary>
    public string Period(int s) => _start is { } start ? $"period {s} ({start.AddMonths(s):yyyy-MM})" : $"period {s}";

    /// <summary>"periods 2–5", "period 4", or "periods 2, 4, 7" for a scattered set.</summary>
    public string Periods(IReadOnlyCollection<int> periods)
    {
        var sorted = periods.Distinct().Order().ToList();
        if (sorted.Count == 0) return "no period";
        if (sorted.Count == 1) return Period(sorted[0]);
        if (sorted[^1] - sorted[0] == sorted.Count - 1) return $"periods {sorted[0]}–{sorted[^1]}{Range(sorted[0], sorted[^1])}";
        return sorted.Count <= 6 ? $"periods {string.Join(", ", sorted)}" : $"{sorted.Count} periods between {sorted[0]} and {sorted[^1]}";
    }

    /// <summary>A list of names, the first few and a count of the rest.</summary>
    public static string List(IEnumerable<string> names, int max = 3)
    {
        var all = names.ToList();
        return all.Count <= max ? string.Join(", ", all) : $"{string.Join(", ", all.Take(max))} and {all.Count - max} more";
    }

    private string Range(int from, int until) =>
        _start is { } start ? $" ({start.AddMonths(from):yyyy-MM} to {start.AddMonths(until):yyyy-MM})" : "";

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
