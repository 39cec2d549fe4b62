using System.Text.Json.Serialization;

namespace Allocator.Models;

/// <summary>
/// A line's capacity: either one number that holds for every period, or exactly one number per period.
/// In JSON it is a number or an array of numbers.
/// </summary>
[JsonConverter(typeof(CapacityJsonConverter))]
public sealed class Capacity
{
    private Capacity(double? constant, IReadOnlyList<double>? perPeriod)
    {
        Constant = constant;
        PerPeriod = perPeriod;
    }

    /// <summary>The same capacity in every period, or null when given per period.</summary>
    public double? Constant { get; }

    /// <summary>One capacity per period, or null when given as one number.</summary>
    public IReadOnlyList<double>? PerPeriod { get; }

    /// <summary>The same capacity in every period.</summary>
    public static Capacity Every(double units) => new(units, null);

    /// <summary>One capacity per period.</summary>
    public static Capacity ByPeriod(IReadOnlyList<double> units) => new(null, units.ToArray());

    /// <summary>Capacity in <paramref name="period"/>.</summary>
    public double At(int period) => Constant ?? PerPeriod![period];
}
