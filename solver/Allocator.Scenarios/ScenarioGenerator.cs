using Allocator.Models;

namespace Allocator.Scenarios;

/// <summary>
/// Makes realistic, reproducible allocation requests of any size, for benchmarks, tests and demonstrations.
/// See docs/generator.md for what a scenario contains and where its figures come from.
/// </summary>
public static class ScenarioGenerator
{
    /// <summary>First month of every generated horizon (a label only).</summary>
    public const string HorizonStart = "2025-01";

    /// <summary>
    /// Generates a request of <paramref name="size"/>. The same size and seed give the same request on the same
    /// .NET runtime; every request passes <see cref="RequestValidator"/>. Amounts are in EUR (the base currency)
    /// or in the donors' and producers' own currencies with exchange rates given; total donor money is 30–70% of
    /// what covering every need that some line can serve would cost, so money is a real bottleneck.
    /// </summary>
    /// <param name="size">Counts of donors, lines, periods and needs; see <see cref="ScenarioSize.Preset"/>.</param>
    /// <param name="seed">Seed of the only random generator used.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count in <paramref name="size"/> is below 1.</exception>
    public static AllocationRequest Generate(ScenarioSize size, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(size);
        size.EnsureValid();
        var rng = new Random(seed);
        var periods = size.Periods;

        var (producers, lines) = LineFactory.Make(rng, size.Lines, periods);
        var needs = NeedFactory.Make(rng, size.Needs, periods, lines);
        var coverCost = needs.Sum(n => n.CoverCostEur);
        // Only categories nobody makes were asked for: still give the donors some money, one line-month's worth.
        if (!(coverCost > 0)) coverCost = lines.Sum(l => l.UnitCostEur * l.DeliverableUnits) / periods + 1;
        var money = coverCost * rng.Uniform(0.3, 0.7);
        var donors = DonorFactory.Make(rng, size.Donors, periods, producers, money);
        double? maxShare = producers.Count >= 5 ? Math.Round(rng.Uniform(0.25, 0.4), 2) : null;

        return new AllocationRequest
        {
            SchemaVersion = "1",
            Name = $"generated {size.Label} seed {seed}",
            BaseCurrency = Markets.BaseCurrency,
            ExchangeRates = RatesUsed(lines, donors),
            Horizon = new Horizon { Periods = periods, Start = HorizonStart, Unit = "month" },
            Donors = donors,
            Lines = lines.Select(l => l.Line).ToList(),
            Needs = needs.Select(n => n.Need).ToList(),
            Policy = maxShare is null ? null : new Policy { MaxProducerShare = maxShare },
        };
    }

    /// <summary>The rate of every currency used, in the fixed order of <see cref="Markets.Rates"/>.</summary>
    private static IReadOnlyDictionary<string, double> RatesUsed(List<GeneratedLine> lines, List<Donor> donors)
    {
        var used = lines.Select(l => l.Line.Currency)
            .Concat(donors.SelectMany(d => d.Tranches).Select(t => t.Currency))
            .ToHashSet(StringComparer.Ordinal);
        var rates = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (code, rate) in Markets.Rates)
            if (used.Contains(code)) rates.Add(code, rate);
        return rates;
    }
}
