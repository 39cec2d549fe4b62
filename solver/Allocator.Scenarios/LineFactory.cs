using Allocator.Models;

namespace Allocator.Scenarios;

/// <summary>A producer: several lines, one country and its home currency (European producers sometimes quote in it).</summary>
internal sealed record Producer(string Id, string Country, string Currency);

/// <summary>A generated line with what the other factories need to know about it.</summary>
/// <param name="Line">The contract line.</param>
/// <param name="Category">Index into <see cref="Catalogue.Categories"/>.</param>
/// <param name="UnitCostEur">Unit cost in the base currency.</param>
/// <param name="DeliverableUnits">Units the line could deliver inside the horizon (capacity from its lead time on).</param>
internal sealed record GeneratedLine(ProductionLine Line, int Category, double UnitCostEur, double DeliverableUnits);

/// <summary>Producers and their lines.</summary>
internal static class LineFactory
{
    private const double EuropeanShare = 0.15;
    private const int MaxLinesPerProducer = 7; // 1..7, about 4 on average
    private const double CrossCategoryChance = 0.3;

    public static (List<Producer> Producers, List<GeneratedLine> Lines) Make(Random rng, int count, int periods)
    {
        var categories = Catalogue.Categories;
        var slots = CategorySlots(count);

        // Lines of one category are contiguous in `slots`, so cutting it into runs gives mostly single-category
        // producers; swapping a few lines with lines elsewhere gives the multi-category ones.
        var producers = new List<Producer>();
        var owner = new int[count];
        var firstLine = new List<int>();
        for (var i = 0; i < count;)
        {
            var size = Math.Min(rng.Between(1, MaxLinesPerProducer), count - i);
            producers.Add(NewProducer(rng, producers.Count));
            firstLine.Add(i);
            for (var j = 0; j < size; j++) owner[i + j] = producers.Count - 1;
            i += size;
        }
        for (var p = 0; p < producers.Count; p++)
        {
            var end = p + 1 < producers.Count ? firstLine[p + 1] : count;
            if (end - firstLine[p] < 2 || !rng.Chance(CrossCategoryChance)) continue;
            var mine = rng.Between(firstLine[p], end - 1);
            var other = rng.Next(count);
            (slots[mine], slots[other]) = (slots[other], slots[mine]);
        }

        var lines = new List<GeneratedLine>(count);
        var ordinal = 0;
        for (var i = 0; i < count; i++)
        {
            ordinal = i > 0 && owner[i] == owner[i - 1] ? ordinal + 1 : 1;
            lines.Add(NewLine(rng, producers[owner[i]], ordinal, slots[i], categories[slots[i]], periods));
        }
        return (producers, lines);
    }

    /// <summary>
    /// Category of each line, in category order, apportioned by <see cref="Category.LineWeight"/> (largest
    /// remainder), with at least one line per produced category when there are enough lines.
    /// </summary>
    private static int[] CategorySlots(int count)
    {
        var categories = Catalogue.Categories;
        var produced = Enumerable.Range(0, categories.Count).Where(c => categories[c].LineWeight > 0).ToArray();
        var quota = new int[categories.Count];
        var floor = count >= produced.Length ? 1 : 0;
        var rest = count - floor * produced.Length;
        var totalWeight = produced.Sum(c => categories[c].LineWeight);
        var remainders = new double[categories.Count];
        foreach (var c in produced)
        {
            var exact = rest * categories[c].LineWeight / totalWeight;
            quota[c] = floor + (int)Math.Floor(exact);
            remainders[c] = exact - Math.Floor(exact);
        }
        var missing = count - quota.Sum();
        foreach (var c in produced.OrderByDescending(c => remainders[c]).ThenBy(c => c).Take(missing))
            quota[c]++;
        return Enumerable.Range(0, categories.Count).SelectMany(c => Enumerable.Repeat(c, quota[c])).ToArray();
    }

    private static Producer NewProducer(Random rng, int index)
    {
        if (!rng.Chance(EuropeanShare))
            return new Producer($"ua-{index + 1:D4}", Markets.Ukraine, "UAH");
        var country = Markets.European[rng.PickWeighted(Markets.European.Select(c => c.Weight).ToArray())];
        return new Producer($"{country.Code.ToLowerInvariant()}-{index + 1:D4}", country.Code, country.Currency);
    }

    private static GeneratedLine NewLine(Random rng, Producer producer, int ordinal, int categoryIndex, Category category, int periods)
    {
        // Ukrainian producers quote in USD or EUR (the figures in the news are in both); European ones
        // often in their own currency.
        string currency;
        if (producer.Country == Markets.Ukraine)
            currency = rng.Chance(0.75) ? category.Currency : category.Currency == "USD" ? "EUR" : "USD";
        else
            currency = producer.Currency != Markets.BaseCurrency && rng.Chance(0.5) ? producer.Currency : Markets.BaseCurrency;

        var costEur = category.UnitCost * Markets.Rate(category.Currency) * rng.Uniform(0.8, 1.2);
        var unitCost = Draw.Significant(costEur / Markets.Rate(currency), 3);
        var leadTime = Math.Min(rng.Between(category.LeadMin, category.LeadMax), periods - 1);
        var monthly = Math.Max(1, Draw.Units(rng.LogUniform(category.MonthlyMin, category.MonthlyMax)));
        var capacity = CapacityShapes.Make(rng, monthly, periods);

        var deliverable = 0.0;
        for (var s = leadTime; s < periods; s++) deliverable += capacity.At(s);

        var line = new ProductionLine
        {
            Id = $"{producer.Id}-{category.Id}-{ordinal}",
            Producer = producer.Id,
            Country = producer.Country,
            Category = category.Id,
            Product = category.Product,
            UnitCost = unitCost,
            Currency = currency,
            LeadTime = leadTime,
            Capacity = capacity,
        };
        return new GeneratedLine(line, categoryIndex, unitCost * Markets.Rate(currency), deliverable);
    }
}
