using System.Globalization;
using Allocator.Models;

namespace Allocator.Scenarios.Hard;

/// <summary>
/// Builds requests of a <see cref="HardStructure"/> from a seed. Deliberately unlike <see cref="ScenarioGenerator"/>:
/// categories and producers are anonymous, prices are log-uniform over four decades, every donor's earmark is an
/// independent random subset (so almost every line has its own set of eligible donors), capacity arrays have
/// zeros, and money is short. The same structure and seed give the same request.
/// </summary>
public static class HardScenarioGenerator
{
    private static readonly string[] Countries = ["UA", "PL", "CZ", "DE", "FR", "SE", "NO", "DK", "FI", "GB"];

    /// <summary>A request of structure <paramref name="s"/>; valid for the contract (tested for every named structure).</summary>
    public static AllocationRequest Generate(HardStructure s, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(s);
        var rng = new Random(seed);
        var factor = s.MoneyFactor;
        var categories = Enumerable.Range(0, s.Categories).Select(c => $"cat-{c:D2}").ToArray();
        // Each category's price level: four decades apart at most (a drone and a gun).
        var price = categories.Select(_ => rng.LogUniform(500, 5_000_000)).ToArray();
        var producerCount = s.IdenticalLines ? s.Lines : Math.Max(1, s.Lines / 4);
        var producerCountry = Enumerable.Range(0, producerCount).Select(_ => rng.Chance(0.6) ? "UA" : rng.Pick(Countries)).ToArray();

        var lines = new List<ProductionLine>(s.Lines);
        var costOfLine = new double[s.Lines];
        var monthlyUnits = new double[s.Lines];
        for (var l = 0; l < s.Lines; l++)
        {
            var c = s.IdenticalLines ? 0 : rng.Next(categories.Length);
            var producer = s.IdenticalLines ? l : rng.Next(producerCount);
            var cost = s.IdenticalLines ? price[0] : Round(price[c] * rng.LogUniform(0.6, 1.6));
            var lead = s.IdenticalLines ? 1 : rng.Between(0, Math.Min(8, s.Periods - 1));
            // Units a month worth 0.5M to 20M of money at this price (whole units when that is few).
            var units = s.IdenticalLines ? 10 : Units(rng.LogUniform(5e5, 2e7) / cost);
            Capacity capacity;
            if (s.ZeroCapacityChance > 0)
                capacity = Capacity.ByPeriod(Enumerable.Range(0, s.Periods)
                    .Select(_ => rng.Chance(s.ZeroCapacityChance) ? 0 : Units(units * rng.Uniform(0.5, 1.5))).ToArray());
            else
                capacity = Capacity.Every(units);
            costOfLine[l] = cost;
            monthlyUnits[l] = units;
            lines.Add(new ProductionLine
            {
                Id = $"line-{l:D6}",
                Producer = $"producer-{producer:D6}",
                Country = producerCountry[producer],
                Category = categories[c],
                UnitCost = Round(cost) * factor, // the same prices, re-expressed: a request in won is the request in dollars times the rate
                Currency = s.BaseCurrency,
                LeadTime = lead,
                Capacity = capacity,
            });
        }

        var needs = new List<Need>(s.Needs);
        var wanted = 0.0;
        for (var n = 0; n < s.Needs; n++)
        {
            var c = s.IdenticalLines || s.Categories == 1 ? 0 : rng.Next(categories.Length);
            var quantity = Units(rng.LogUniform(1e6, 1e8) / price[c]);
            wanted += quantity * price[c];
            needs.Add(new Need
            {
                Id = $"need-{n:D5}",
                Category = categories[c],
                Quantity = quantity,
                Priority = Math.Round(rng.LogUniform(0.5, 100), 2),
                DueBy = rng.Between(0, s.Periods - 1),
                LateDecay = rng.Chance(0.2) ? 0 : Math.Round(rng.Uniform(0.02, 0.5), 3),
            });
        }

        // Money for about 40% of what the needs would cost: short enough that earmarks and windows bind.
        var perDonor = wanted * 0.4 / s.Donors;
        var donors = new List<Donor>(s.Donors);
        var producerIds = lines.Select(l => l.Producer).Distinct().ToArray();
        for (var d = 0; d < s.Donors; d++)
        {
            var tranches = new List<Tranche>();
            var count = rng.Between(1, 3);
            for (var k = 0; k < count; k++)
            {
                var from = rng.Between(0, s.Periods - 1);
                var until = rng.Chance(0.5) ? s.Periods - 1 : rng.Between(from, s.Periods - 1);
                tranches.Add(new Tranche
                {
                    Amount = Round(perDonor / count * rng.LogUniform(0.2, 5)) * factor,
                    Currency = s.BaseCurrency,
                    AvailableFrom = from,
                    ExpiresAfter = until,
                });
            }
            donors.Add(new Donor { Id = $"donor-{d:D3}", Tranches = tranches, Eligibility = Earmark(rng, s, categories, producerIds) });
        }

        return new AllocationRequest
        {
            SchemaVersion = "1",
            Name = $"hard {s.Name} seed {seed.ToString(CultureInfo.InvariantCulture)}",
            BaseCurrency = s.BaseCurrency,
            Horizon = new Horizon { Periods = s.Periods },
            Donors = donors,
            Lines = lines,
            Needs = needs,
            Policy = s.MaxProducerShare is { } share ? new Policy { MaxProducerShare = share } : null,
        };
    }

    /// <summary>
    /// An independent random earmark: some categories, sometimes some countries, sometimes producers in or out (with
    /// <see cref="HardStructure.PooledEarmarks"/>: some categories, sometimes Ukrainian production only).
    /// </summary>
    private static Eligibility? Earmark(Random rng, HardStructure s, string[] categories, string[] producers)
    {
        if (!rng.Chance(s.EarmarkChance)) return null;
        var pickCategories = categories.Length > 1 && rng.Chance(0.8);
        // Drawn first, as before the pooled kind existed, so that every structure's requests stay what they were.
        var chosen = pickCategories ? Subset(rng, categories, rng.Uniform(0.1, 0.6)) : null;
        if (s.PooledEarmarks)
            return new Eligibility { Categories = chosen, Countries = rng.Chance(0.5) ? ["UA"] : null };
        return new Eligibility
        {
            Categories = chosen,
            Countries = rng.Chance(0.5) ? (rng.Chance(0.5) ? ["UA"] : Subset(rng, Countries, 0.5)) : null,
            ExcludedProducers = rng.Chance(0.3) ? Subset(rng, producers, Math.Min(0.05, 20.0 / producers.Length)) : null,
        };
    }

    private static string[] Subset(Random rng, string[] items, double share)
    {
        var chosen = items.Where(_ => rng.Chance(share)).ToArray();
        return chosen.Length > 0 ? chosen : [rng.Pick(items)];
    }

    private static double Round(double x) => Draw.Significant(x, 4);

    private static double Units(double x) => x < 20 ? Math.Max(1, Math.Round(x)) : Draw.Significant(x, 3);
}
