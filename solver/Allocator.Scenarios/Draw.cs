namespace Allocator.Scenarios;

/// <summary>
/// Random draws on <see cref="Random"/>. Everything the generator draws goes through one seeded instance,
/// in a fixed order, so the same seed gives the same scenario.
/// </summary>
internal static class Draw
{
    public static double Uniform(this Random rng, double min, double max) => min + (max - min) * rng.NextDouble();

    /// <summary>Uniform on a log scale: as likely to be in [10, 100] as in [100, 1000].</summary>
    public static double LogUniform(this Random rng, double min, double max) =>
        min * Math.Exp(Math.Log(max / min) * rng.NextDouble());

    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    /// <summary>An integer in <c>[min, maxInclusive]</c>; <paramref name="min"/> when the range is empty.</summary>
    public static int Between(this Random rng, int min, int maxInclusive) =>
        maxInclusive <= min ? min : rng.Next(min, maxInclusive + 1);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Normal(this Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>An index drawn with probability proportional to its weight; uniform when every weight is 0.</summary>
    public static int PickWeighted(this Random rng, IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        if (!(total > 0)) return rng.Next(weights.Count);
        var x = rng.NextDouble() * total;
        var last = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] <= 0) continue;
            last = i;
            x -= weights[i];
            if (x < 0) return i;
        }
        return last;
    }

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>
    /// <paramref name="value"/> rounded to <paramref name="digits"/> significant figures, so that amounts read like
    /// real ones (DKK 1,230,000,000 rather than 1,229,741,388.27) and print without binary noise.
    /// </summary>
    public static double Significant(double value, int digits)
    {
        if (!(value > 0)) return value;
        var decimals = digits - 1 - (int)Math.Floor(Math.Log10(value));
        if (decimals >= 0)
        {
            var scale = Math.Pow(10, decimals);
            return Math.Round(value * scale) / scale;
        }
        var step = Math.Pow(10, -decimals);
        return Math.Round(value / step) * step;
    }

    /// <summary>Whole units below 20, two significant figures above (a line makes "12" or "4,500" a month).</summary>
    public static double Units(double value) => value < 20 ? Math.Round(value) : Significant(value, 2);
}
