using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>
/// Small random valid requests for comparing the solver with the oracle. Deterministic per seed (seeded
/// System.Random is stable across .NET versions). Numbers are "nice" (round amounts, simple rates and costs) so
/// failures are easy to read by hand, but mixed enough to exercise every rule: two currencies, tranche windows,
/// earmarks, lead times, per-period capacity, late decay and the producer-share cap.
/// </summary>
public static class RandomRequests
{
    private static readonly string[] Categories = ["a", "b"];
    private static readonly string[] Countries = ["UA", "PL"];
    private static readonly string[] Producers = ["p1", "p2", "p3"];
    private static readonly double[] UnitCosts = [2, 2.5, 4, 5, 8, 10, 12.5, 20];
    private static readonly double?[] Decays = [null, 0, 0.1, 0.25, 0.5, 1];
    private static readonly double[] Shares = [0.5, 0.6, 0.75, 0.9, 1];

    public static AllocationRequest Create(int seed)
    {
        // Redraw (deterministically) the rare request in which no money can ever deliver value: comparing two
        // solvers on an empty plan proves little.
        for (var attempt = 0; ; attempt++)
        {
            var request = Draw(seed, new Random(unchecked(seed * 7919 + attempt)));
            if (CanDeliverValue(request)) return request;
        }
    }

    private static bool CanDeliverValue(AllocationRequest request)
    {
        var spec = new SpecTerms(request);
        return request.Donors.Any(d => d.Tranches.Any(k => request.Lines.Any(l => Enumerable.Range(0, spec.Periods).Any(t =>
            spec.MayFund(d, k, l, t)
            && l.Capacity.At(t + l.LeadTime) > 0
            && request.Needs.Any(n => n.Category == l.Category && SpecTerms.UnitValue(n, t + l.LeadTime) > 0)))));
    }

    private static AllocationRequest Draw(int seed, Random rng)
    {
        var baseCurrency = rng.Next(2) == 0 ? "EUR" : "USD";
        var other = baseCurrency == "EUR" ? "USD" : "EUR";
        var rates = new Dictionary<string, double>
        {
            [other] = baseCurrency == "EUR" ? Pick(rng, [0.8, 0.9]) : Pick(rng, [1.1, 1.25]),
        };
        if (rng.Next(4) == 0) rates[baseCurrency] = 1; // the contract allows the base currency at rate 1
        string Currency() => rng.Next(2) == 0 ? baseCurrency : other;
        var p = rng.Next(2, 6);

        var lines = Enumerable.Range(0, rng.Next(1, 5)).Select(l => new ProductionLine
        {
            Id = $"l{l}",
            Producer = Pick(rng, Producers),
            Country = Pick(rng, Countries),
            Category = Pick(rng, Categories),
            UnitCost = Pick(rng, UnitCosts),
            Currency = Currency(),
            LeadTime = rng.Next(0, 3),
            Capacity = rng.Next(2) == 0
                ? Capacity.Every(rng.Next(1, 7))
                : Capacity.ByPeriod(Enumerable.Range(0, p).Select(_ => (double)rng.Next(0, 7)).ToList()),
        }).ToList();

        var donors = Enumerable.Range(0, rng.Next(1, 4)).Select(d => new Donor
        {
            Id = $"d{d}",
            Tranches = Enumerable.Range(0, rng.Next(1, 3)).Select(_ =>
            {
                // Windows mostly open early, so lead times still fit in the horizon.
                int? from = rng.Next(3) == 0 ? rng.Next(0, (p + 1) / 2) : null;
                int? until = rng.Next(3) == 0 ? rng.Next(from ?? 0, p) : null;
                return new Tranche { Amount = 10 * rng.Next(2, 21), Currency = Currency(), AvailableFrom = from, ExpiresAfter = until };
            }).ToList(),
            Eligibility = rng.Next(2) == 0 ? null : new Eligibility
            {
                Categories = Subset(rng, Categories),
                Countries = Subset(rng, Countries),
                Producers = Subset(rng, Producers),
                ExcludedProducers = rng.Next(3) == 0 ? [Pick(rng, Producers)] : null,
            },
        }).ToList();

        var needs = Enumerable.Range(0, rng.Next(1, 5)).Select(n => new Need
        {
            Id = $"n{n}",
            // The first need can always be served by the first line's category, so no request is trivially empty.
            Category = n == 0 ? lines[0].Category : Pick(rng, Categories),
            Quantity = rng.Next(2, 21),
            Priority = rng.Next(1, 11),
            DueBy = rng.Next(0, p),
            LateDecay = Pick(rng, Decays),
        }).ToList();

        // A share cap with a single producer would force an empty plan; only cap when producers can compete.
        var policy = rng.Next(10) < 3 && lines.Select(l => l.Producer).Distinct().Count() > 1
            ? new Policy { MaxProducerShare = Pick(rng, Shares) }
            : null;

        return new AllocationRequest
        {
            SchemaVersion = "1",
            Name = $"random-{seed}",
            BaseCurrency = baseCurrency,
            ExchangeRates = rates,
            Horizon = new Horizon { Periods = p },
            Donors = donors,
            Lines = lines,
            Needs = needs,
            Policy = policy,
        };
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>Absent (1/2), an empty list (1/6: also no restriction) or a non-empty subset.</summary>
    private static List<string>? Subset(Random rng, string[] pool)
    {
        var roll = rng.Next(6);
        if (roll < 3) return null;
        if (roll == 3) return [];
        var chosen = pool.Where(_ => rng.Next(2) == 0).ToList();
        return chosen.Count > 0 ? chosen : [Pick(rng, pool)];
    }
}
