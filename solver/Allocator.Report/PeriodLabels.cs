using System.Globalization;
using System.Text.RegularExpressions;
using Allocator.Models;

namespace Allocator.Report;

/// <summary>
/// Names of the periods: calendar labels computed from <c>horizon.start</c> and <c>horizon.unit</c> when they can
/// be (a start such as <c>2024-07</c>, <c>2024-Q3</c>, <c>2024-07-01</c> or <c>2024</c> and a unit such as month,
/// quarter, week, day or year), period numbers otherwise. Months and quarters read as a planner writes them
/// (<c>Oct 2024</c>, <c>Q3 2024</c>), never as a period number next to a month.
/// </summary>
internal sealed partial class PeriodLabels
{
    // Spelled out rather than DateOnly formatting, so a start year such as 0000 or a horizon past 9999 cannot throw.
    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private readonly string[] _labels;

    public PeriodLabels(Horizon horizon)
    {
        var periods = Math.Max(1, horizon.Periods);
        var calendar = Calendar(horizon.Start?.Trim(), horizon.Unit?.Trim().ToLowerInvariant());
        IsCalendar = calendar is not null;
        _labels = Enumerable.Range(0, periods).Select(p => calendar?.Invoke(p) ?? $"period {p}").ToArray();
        Start = horizon.Start;
    }

    /// <summary>True when the labels are calendar labels rather than period numbers.</summary>
    public bool IsCalendar { get; }

    /// <summary>The request's <c>horizon.start</c>, shown next to period numbers when it could not be interpreted.</summary>
    public string? Start { get; }

    /// <summary>Number of periods.</summary>
    public int Count => _labels.Length;

    /// <summary>Label of period <paramref name="p"/> for running text, e.g. <c>Sep 2024</c> or <c>period 2</c>.</summary>
    public string this[int p] => p >= 0 && p < _labels.Length ? _labels[p] : $"period {p}";

    /// <summary>Short label for an axis tick: the calendar label, or the bare number.</summary>
    public string Tick(int p) => IsCalendar ? this[p] : p.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The tick of <paramref name="p"/> on an axis whose previous tick was <paramref name="previous"/> (-1 for none):
    /// months ("Oct 2024") drop a year the previous tick already showed ("Nov"), so an axis of months stays as
    /// compact as ISO dates and still names each year once.
    /// </summary>
    public string Tick(int p, int previous) =>
        Monthly && previous >= 0 && this[p][^4..] == this[previous][^4..] ? this[p][..3] : Tick(p);

    /// <summary>The labels are months ("Oct 2024").</summary>
    public bool Monthly => IsCalendar && _labels[0].Length == 8 && MonthNames.Contains(_labels[0][..3]);

    private static Func<int, string>? Calendar(string? start, string? unit)
    {
        if (string.IsNullOrEmpty(start)) return null;
        unit = unit switch
        {
            null or "" => null,
            _ when unit.StartsWith("month", StringComparison.Ordinal) || unit is "mo" or "m" => "month",
            _ when unit.StartsWith("quarter", StringComparison.Ordinal) || unit is "q" => "quarter",
            _ when unit.StartsWith("week", StringComparison.Ordinal) || unit is "w" or "wk" => "week",
            _ when unit.StartsWith("day", StringComparison.Ordinal) || unit is "d" => "day",
            _ when unit.StartsWith("year", StringComparison.Ordinal) || unit is "y" or "yr" or "annual" => "year",
            _ => "unknown",
        };
        if (unit == "unknown") return null;

        if (YearMonth().Match(start) is { Success: true } ym)
        {
            var year = int.Parse(ym.Groups[1].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(ym.Groups[2].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) return null;
            var step = unit switch { null or "month" => 1, "quarter" => 3, "year" => 12, _ => 0 };
            if (step == 0) return null;
            return p =>
            {
                var index = year * 12 + (month - 1) + p * step;
                return $"{MonthNames[index % 12]} {(index / 12).ToString("0000", CultureInfo.InvariantCulture)}";
            };
        }
        if (YearQuarter().Match(start) is { Success: true } yq)
        {
            if (unit is not (null or "quarter")) return null;
            var year = int.Parse(yq.Groups[1].Value, CultureInfo.InvariantCulture);
            var quarter = int.Parse(yq.Groups[2].Value, CultureInfo.InvariantCulture);
            return p =>
            {
                var index = year * 4 + (quarter - 1) + p;
                return $"Q{index % 4 + 1} {(index / 4).ToString("0000", CultureInfo.InvariantCulture)}";
            };
        }
        if (DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Func<int, DateOnly>? at = unit switch
            {
                "day" => p => date.AddDays(p),
                "week" => p => date.AddDays(7 * p),
                "month" => p => date.AddMonths(p),
                "quarter" => p => date.AddMonths(3 * p),
                "year" => p => date.AddYears(p),
                _ => null,
            };
            if (at is null) return null;
            return p => at(p).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        if (Year().Match(start) is { Success: true } y)
        {
            if (unit is not (null or "year")) return null;
            var year = int.Parse(y.Groups[1].Value, CultureInfo.InvariantCulture);
            return p => (year + p).ToString(CultureInfo.InvariantCulture);
        }
        return null;
    }

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})$")]
    private static partial Regex YearMonth();

    [GeneratedRegex(@"^(\d{4})-?[Qq]([1-4])$")]
    private static partial Regex YearQuarter();

    [GeneratedRegex(@"^(\d{4})$")]
    private static partial Regex Year();
}
