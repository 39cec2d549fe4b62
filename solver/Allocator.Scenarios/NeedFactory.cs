using Allocator.Models;

namespace Allocator.Scenarios;

/// <summary>A generated need and what it would cost to cover it.</summary>
/// <param name="Need">The contract need.</param>
/// <param name="CoverCostEur">Quantity times the category's average unit cost; 0 when no line makes it.</param>
internal sealed record GeneratedNeed(Need Need, double CoverCostEur);

/// <summary>
/// Needs: many small brigade-level ones (drones, EW, mortar rounds; mostly urgent) and fewer large national
/// ones (shells, guns, vehicles; due later). Per category, brigade needs plus national needs ask for 60–140% of
/// what the category's lines could deliver in the horizon (more where brigades alone ask for more), so
/// capacity binds in some categories and not in others.
/// </summary>
internal static class NeedFactory
{
    private const double NationalShare = 0.3;
    private const double NoLineChance = 0.02;

    public static List<GeneratedNeed> Make(Random rng, int count, int periods, IReadOnlyList<GeneratedLine> lines)
    {
        var categories = Catalogue.Categories;
        var deliverable = new double[categories.Count];
        var costSum = new double[categories.Count];
        var lineCount = new int[categories.Count];
        foreach (var l in lines)
        {
            deliverable[l.Category] += l.DeliverableUnits;
            costSum[l.Category] += l.UnitCostEur;
            lineCount[l.Category]++;
        }
        var made = Enumerable.Range(0, categories.Count).Where(c => lineCount[c] > 0).ToArray();
        var notMade = Enumerable.Range(0, categories.Count).Where(c => lineCount[c] == 0).ToArray();
        var brigadeWeights = made.Select(c => categories[c].BrigadeWeight).ToArray();
        var nationalWeights = made.Select(c => categories[c].NationalWeight).ToArray();

        var national = new bool[count];
        var category = new int[count];
        var quantity = new double[count];
        var share = new double[count];
        var brigadeSum = new double[categories.Count];
        var shareSum = new double[categories.Count];
        for (var n = 0; n < count; n++)
        {
            national[n] = rng.Chance(NationalShare);
            var c = category[n] = rng.Chance(NoLineChance)
                ? rng.Pick(notMade)
                : made[rng.PickWeighted(national[n] ? nationalWeights : brigadeWeights)];
            if (lineCount[c] == 0)
                quantity[n] = national[n] ? rng.Between(20, 200) : rng.Between(4, 20);
            else if (national[n])
                shareSum[c] += share[n] = rng.Uniform(1, 4);
            else
            {
                // A brigade asks for about what one line makes in a few days to two months.
                var typicalMonth = Math.Sqrt(categories[c].MonthlyMin * categories[c].MonthlyMax);
                brigadeSum[c] += quantity[n] = Math.Max(1, Draw.Units(typicalMonth * rng.LogUniform(0.1, 2)));
            }
        }
        // National needs ask for the rest of the category's demand, but never for less than a fifth of it.
        for (var c = 0; c < categories.Count; c++)
        {
            var demand = deliverable[c] * rng.Uniform(0.6, 1.4);
            var rest = Math.Max(demand - brigadeSum[c], 0.2 * demand);
            for (var n = 0; n < count; n++)
                if (category[n] == c && share[n] > 0)
                    quantity[n] = Math.Max(1, Draw.Units(rest * share[n] / shareSum[c]));
        }

        var needs = new List<GeneratedNeed>(count);
        for (var n = 0; n < count; n++)
        {
            var c = category[n];
            var priority = national[n] ? rng.Uniform(5, 10) : rng.Uniform(1, 10);
            priority = rng.Chance(0.7) ? Math.Round(priority) : Math.Round(priority, 1);
            var dueBy = national[n]
                ? rng.Between(periods / 4, periods - 1)
                : Math.Min(periods - 1, 1 + (int)((periods - 1) * Math.Pow(rng.NextDouble(), 1.5))); // brigades: mostly soon
            double? lateDecay = rng.Chance(0.15) ? null : Math.Round(rng.Uniform(0.05, 0.5), 2);
            var need = new Need
            {
                Id = $"{(national[n] ? "national" : "brigade")}-{categories[c].Id}-{n + 1:D4}",
                Category = categories[c].Id,
                Quantity = quantity[n],
                Priority = priority,
                DueBy = dueBy,
                LateDecay = lateDecay,
            };
            needs.Add(new GeneratedNeed(need, lineCount[c] > 0 ? quantity[n] * costSum[c] / lineCount[c] : 0));
        }
        return needs;
    }
}
