using Allocator.Models;

namespace Allocator.Scenarios;

/// <summary>
/// How a line's non-contracted capacity evolves over the horizon. Most lines quote one monthly figure;
/// others ramp up (Bohdana went from 6 to 20 a month in a year), start later (a new plant), stop for
/// some months (maintenance, strike damage) or end (capacity taken by state contracts).
/// </summary>
internal static class CapacityShapes
{
    public static Capacity Make(Random rng, double monthly, int periods)
    {
        var shape = rng.PickWeighted([55.0, 20, 10, 10, 5]);
        if (shape == 0 || periods == 1) return Capacity.Every(monthly);

        var units = new double[periods];
        switch (shape)
        {
            case 1: // ramp
                var start = monthly * rng.Uniform(0.3, 0.6);
                var peak = monthly * rng.Uniform(1.0, 1.5);
                var reached = rng.Between(Math.Max(1, periods / 4), periods - 1);
                for (var t = 0; t < periods; t++)
                    units[t] = Draw.Units(start + (peak - start) * Math.Min(1.0, (double)t / reached));
                break;
            case 2: // new line: nothing for the first months
                var opens = rng.Between(1, Math.Max(1, periods / 3));
                for (var t = opens; t < periods; t++) units[t] = monthly;
                break;
            case 3: // one to three months without capacity
                Array.Fill(units, monthly);
                var stops = rng.Between(1, Math.Min(3, periods - 1));
                for (var i = 0; i < stops; i++) units[rng.Next(periods)] = 0;
                break;
            default: // taken by state contracts from some month on
                var ends = rng.Between(Math.Max(1, periods / 2), periods - 1);
                for (var t = 0; t < ends; t++) units[t] = monthly;
                break;
        }
        return Capacity.ByPeriod(units);
    }
}
