using Allocator.Models;

namespace Allocator.Scenarios;

/// <summary>
/// Donors and their tranches. Donor sizes are heavy-tailed (a few large partners and EU instruments, many
/// small ones); each donor pays in its own currency, sometimes in EUR, in one to three tranches with
/// varied windows; earmarks come from <see cref="EarmarkPatterns"/>.
/// </summary>
internal static class DonorFactory
{
    private const double KnownEarmarkChance = 0.7;
    private const double ExclusionChance = 0.1;

    public static List<Donor> Make(Random rng, int count, int periods, IReadOnlyList<Producer> producers, double moneyEur)
    {
        // A couple of shared vetted-producer lists and a small pool of producers some donors refuse, so that
        // whitelists and exclusions repeat across donors as real ones do.
        string[][] vetted = [VettedList(rng, producers, 0.25), VettedList(rng, producers, 0.15)];
        var disputed = producers.Count < 5 ? [] : Enumerable.Range(0, 3).Select(_ => rng.Next(producers.Count))
            .Distinct().Order().Select(p => producers[p].Id).ToArray();

        var weights = new double[count];
        for (var d = 0; d < count; d++)
        {
            var profile = Markets.Donors[d % Markets.Donors.Count];
            var furtherFund = d >= Markets.Donors.Count ? 0.5 : 1;
            weights[d] = profile.Scale * furtherFund * Math.Exp(0.8 * rng.Normal());
        }
        var weightSum = weights.Sum();

        var donors = new List<Donor>(count);
        for (var d = 0; d < count; d++)
        {
            var profile = Markets.Donors[d % Markets.Donors.Count];
            var round = d / Markets.Donors.Count;
            var pattern = round == 0 && profile.KnownEarmark is { } known && rng.Chance(KnownEarmarkChance)
                ? known
                : EarmarkPatterns.Choose(rng);
            var eligibility = EarmarkPatterns.Build(pattern, profile.Country, rng.Pick(vetted));
            if (disputed.Length > 0 && rng.Chance(ExclusionChance))
            {
                var first = rng.Next(disputed.Length);
                var excluded = rng.Chance(0.5) ? [disputed[first]] : new[] { disputed[first], disputed[(first + 1) % disputed.Length] }.Distinct().Order(StringComparer.Ordinal).ToArray();
                eligibility = EarmarkPatterns.WithExclusions(eligibility, excluded);
            }
            donors.Add(new Donor
            {
                Id = round == 0 ? profile.Id : $"{profile.Id}-{round + 1}",
                Name = round == 0 ? profile.Name : $"{profile.Name}, fund {round + 1}",
                Tranches = Tranches(rng, profile, moneyEur * weights[d] / weightSum, periods),
                Eligibility = eligibility,
            });
        }
        return donors;
    }

    private static string[] VettedList(Random rng, IReadOnlyList<Producer> producers, double share)
    {
        var list = producers.Where(_ => rng.Chance(share)).Select(p => p.Id).ToArray();
        return list.Length > 0 ? list : [producers[0].Id];
    }

    private static List<Tranche> Tranches(Random rng, DonorProfile profile, double totalEur, int periods)
    {
        var count = rng.PickWeighted([0.5, 0.3, 0.2]) + 1;
        var shares = Enumerable.Range(0, count).Select(_ => rng.Uniform(0.5, 1.5)).ToArray();
        var shareSum = shares.Sum();
        var tranches = new List<Tranche>(count);
        var from = 0;
        for (var k = 0; k < count; k++)
        {
            // Later tranches arrive later (pledges are paid in instalments); some must be committed quickly.
            from = k == 0
                ? rng.Chance(0.7) ? 0 : rng.Between(1, Math.Max(1, periods / 4))
                : rng.Between(from, Math.Max(from, 2 * periods / 3));
            from = Math.Min(from, periods - 1);
            int? until = rng.Chance(0.55) ? null : Math.Min(periods - 1, from + rng.Between(2, Math.Max(2, periods / 2)));
            var currency = profile.Currency == Markets.BaseCurrency || rng.Chance(0.8) ? profile.Currency : Markets.BaseCurrency;
            tranches.Add(new Tranche
            {
                Amount = Draw.Significant(totalEur * shares[k] / shareSum / Markets.Rate(currency), 3),
                Currency = currency,
                AvailableFrom = from == 0 && rng.Chance(0.5) ? null : from,
                ExpiresAfter = until,
            });
        }
        return tranches;
    }
}
