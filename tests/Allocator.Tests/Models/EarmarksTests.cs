using Allocator.Models;

namespace Allocator.Tests.Models;

/// <summary>
/// <see cref="Earmarks.Filter"/>, the eligibility rule read into sets once per donor, answers as the contract's rule
/// written out plainly (each non-empty list scanned for the line's attribute, the excluded producers never funded).
/// </summary>
public class EarmarksTests
{
    private static readonly string[] Categories = ["a", "b", "c", "d"];
    private static readonly string[] Countries = ["UA", "PL", "DK"];
    private static readonly string[] Producers = ["p1", "p2", "p3", "p4", "p5"];

    // The contract's rule (allocation-contract-v1, "Earmarks"), as plainly as it reads.
    private static bool Contract(Eligibility? rules, ProductionLine line)
    {
        static bool Permits(IReadOnlyList<string>? allowed, string value) => allowed is null || allowed.Count == 0 || allowed.Contains(value);
        return rules is null || Permits(rules.Categories, line.Category) && Permits(rules.Countries, line.Country)
            && Permits(rules.Producers, line.Producer) && !(rules.ExcludedProducers ?? []).Contains(line.Producer);
    }

    private static ProductionLine Line(string category, string country, string producer) => new()
    {
        Id = $"{category}-{country}-{producer}", Producer = producer, Country = country, Category = category,
        UnitCost = 1, Currency = "USD", LeadTime = 0, Capacity = Capacity.Every(1),
    };

    // A list that is absent, empty, or a random part of the values.
    private static string[]? Pick(Random random, string[] values) => random.Next(4) switch
    {
        0 => null,
        1 => [],
        _ => [.. values.Where(_ => random.Next(2) == 0)],
    };

    [Fact]
    public void Filter_OnRandomEarmarks_AnswersAsTheContractsRuleForEveryLine()
    {
        var random = new Random(17);
        var lines = (from c in Categories from n in Countries from p in Producers select Line(c, n, p)).ToList();
        var checkedPairs = 0;
        for (var donor = 0; donor < 300; donor++)
        {
            var rules = random.Next(10) == 0 ? null : new Eligibility
            {
                Categories = Pick(random, Categories),
                Countries = Pick(random, Countries),
                Producers = Pick(random, Producers),
                ExcludedProducers = Pick(random, Producers),
            };
            var filter = Earmarks.Filter(rules);
            foreach (var line in lines)
            {
                Assert.Equal(Contract(rules, line), filter(line));
                Assert.Equal(Contract(rules, line), Earmarks.Allow(rules, line));
                checkedPairs++;
            }
        }
        Assert.Equal(300 * lines.Count, checkedPairs);
    }

    [Fact]
    public void Filter_MatchesIdsExactly_NotIgnoringCase()
    {
        var filter = Earmarks.Filter(new Eligibility { Countries = ["UA"], ExcludedProducers = ["p1"] });

        Assert.True(filter(Line("a", "UA", "p2")));
        Assert.False(filter(Line("a", "ua", "p2")));
        Assert.False(filter(Line("a", "UA", "p1")));
        Assert.True(filter(Line("a", "UA", "P1")));
    }
}
