using System.Globalization;

namespace Allocator.Models;

/// <summary>
/// Contract 1.1, section 2: the rules of <c>asOf</c>, <c>commitments</c> and <c>previousPlan</c>. A commitment must
/// name an existing, eligible donor, tranche and line, lie inside the tranche's window and deliver inside the
/// horizon; commitments that together exceed a budget, a capacity or (alone) the producer-share cap are errors
/// naming every commitment involved. Rows of a previous plan that can no longer exist are not errors (the engine
/// lists them in <c>revision.dropped</c>); only their amounts must be numbers a plan could hold.
/// </summary>
internal static class ReplanRules
{
    /// <summary>Sums of commitments may exceed a limit by this much (relative): money written with 12 digits.</summary>
    private const double Slack = 1e-9;

    /// <param name="request">The request.</param>
    /// <param name="rates">Currencies with a usable rate, or null when unknown (then no sum of money is checked).</param>
    /// <param name="periodsKnown">Whether <c>horizon.periods</c> was read and is valid.</param>
    /// <param name="fail">Records an error at a JSON path.</param>
    public static void Check(AllocationRequest request, IReadOnlySet<string>? rates, bool periodsKnown, Action<string, string> fail)
    {
        var p = request.Horizon.Periods;
        if (periodsKnown && request.AsOf is { } asOf && (asOf < 0 || asOf > p - 1))
            fail("$.asOf", $"period {asOf} is outside the horizon (periods run from 0 to {p - 1}; asOf is the current period)");
        var signed = Commitments(request, periodsKnown, fail);
        if (rates is not null && signed.Count > 0)
            Sums(request, rates, signed, fail);
        var rows = request.PreviousPlan?.Allocations ?? [];
        for (var i = 0; i < rows.Count; i++)
            if (!(rows[i].Amount > 0 && double.IsFinite(rows[i].Amount)))
                fail($"$.previousPlan.allocations[{i}].amount", $"{N(rows[i].Amount)} is not a positive number (a previous plan's rows hold money greater than 0; remove the row)");
    }

    /// <summary>A commitment that names what exists: its index, donor, tranche and line indices.</summary>
    private readonly record struct Resolved(int Index, int Donor, int Tranche, int Line, int Period, double Amount);

    private static List<Resolved> Commitments(AllocationRequest request, bool periodsKnown, Action<string, string> fail)
    {
        var resolved = new List<Resolved>();
        var commitments = request.Commitments ?? [];
        var p = request.Horizon.Periods;
        var donorIds = FirstIndex(request.Donors.Select(d => d.Id));
        var lineIds = FirstIndex(request.Lines.Select(l => l.Id));
        for (var i = 0; i < commitments.Count; i++)
        {
            var c = commitments[i];
            var at = $"$.commitments[{i}]";
            var ok = true;
            if (!donorIds.TryGetValue(c.Donor, out var d))
            {
                fail($"{at}.donor", $"no donor has the id '{c.Donor}'{Hint(c.Donor, donorIds.Keys)}");
                ok = false;
            }
            else if (c.Tranche < 0 || c.Tranche >= request.Donors[d].Tranches.Count)
            {
                fail($"{at}.tranche", $"donor '{c.Donor}' has no tranche {c.Tranche} (its tranches are numbered from 0 to {request.Donors[d].Tranches.Count - 1})");
                ok = false;
            }
            if (!lineIds.TryGetValue(c.Line, out var l))
            {
                fail($"{at}.line", $"no line has the id '{c.Line}'{Hint(c.Line, lineIds.Keys)}");
                ok = false;
            }
            if (periodsKnown && (c.Period < 0 || c.Period > p - 1))
            {
                fail($"{at}.period", $"period {c.Period} is outside the horizon (periods run from 0 to {p - 1})");
                ok = false;
            }
            if (!(c.Amount > 0 && double.IsFinite(c.Amount)))
            {
                fail($"{at}.amount", $"{N(c.Amount)} is not a positive number (a commitment is money greater than 0, in the base currency)");
                ok = false;
            }
            if (!ok || !periodsKnown) continue;

            var donor = request.Donors[d];
            var line = request.Lines[l];
            var tranche = donor.Tranches[c.Tranche];
            var from = tranche.AvailableFrom ?? 0;
            var until = tranche.ExpiresAfter ?? p - 1;
            if (!Earmarks.Allow(donor.Eligibility, line))
                fail(at, $"donor '{donor.Id}' may not fund line '{line.Id}' (its eligibility excludes the line's category, country or producer '{line.Producer}'); a signed contract must be one the donor's earmarks allow");
            else if (c.Period < from || c.Period > until)
                fail($"{at}.period", $"period {c.Period} is outside the window of tranche {c.Tranche} of donor '{donor.Id}' (periods {from} to {until})");
            else if (line.LeadTime > p - 1 - c.Period)
                fail($"{at}.period", $"money committed to line '{line.Id}' in period {c.Period} delivers in period {(long)c.Period + line.LeadTime}, after the horizon's last period {p - 1}");
            else
                resolved.Add(new Resolved(i, d, c.Tranche, l, c.Period, c.Amount));
        }
        return resolved;
    }

    /// <summary>Budgets, capacities and the producer-share cap, each against the commitments alone.</summary>
    private static void Sums(AllocationRequest request, IReadOnlySet<string> rates, List<Resolved> signed, Action<string, string> fail)
    {
        double? Rate(string currency) =>
            currency == request.BaseCurrency ? 1.0
            : rates.Contains(currency) && request.ExchangeRates?.GetValueOrDefault(currency) is { } r && r > 0 && double.IsFinite(r) ? r
            : null;
        var baseCurrency = request.BaseCurrency;

        foreach (var group in signed.GroupBy(c => (c.Donor, c.Tranche)))
        {
            var tranche = request.Donors[group.Key.Donor].Tranches[group.Key.Tranche];
            if (Rate(tranche.Currency) is not { } rate) continue;
            var budget = tranche.Amount * rate;
            var sum = group.Sum(c => c.Amount);
            if (sum > budget * (1 + Slack))
                fail($"$.donors[{group.Key.Donor}].tranches[{group.Key.Tranche}].amount",
                    $"the commitments {List(group)} add up to {N(sum)} {baseCurrency}, more than the tranche's {N(budget)} {baseCurrency} (check the commitments or the tranche's amount)");
        }

        var p = request.Horizon.Periods;
        foreach (var group in signed.GroupBy(c => (c.Line, c.Period)))
        {
            var line = request.Lines[group.Key.Line];
            if (Rate(line.Currency) is not { } rate || !(line.UnitCost > 0)) continue;
            var s = group.Key.Period + line.LeadTime;
            if (line.Capacity.PerPeriod is { } perPeriod && perPeriod.Count != p) continue; // an error of its own
            var capacity = line.Capacity.At(s);
            var units = group.Sum(c => c.Amount) / (line.UnitCost * rate);
            if (units > capacity * (1 + Slack))
                fail(line.Capacity.PerPeriod is null ? $"$.lines[{group.Key.Line}].capacity" : $"$.lines[{group.Key.Line}].capacity[{s}]",
                    $"the commitments {List(group)} buy {N(units)} units delivered in period {s}, more than the line's capacity of {N(capacity)} (check the commitments or the capacity)");
        }

        if (request.Policy?.MaxProducerShare is { } m && m > 0 && m < 1)
        {
            var pledged = 0.0;
            foreach (var tranche in request.Donors.SelectMany(d => d.Tranches))
                pledged += Rate(tranche.Currency) is { } r ? tranche.Amount * r : double.PositiveInfinity;
            // Even if every pledged unit of money were committed, the producer's signed money would be more than m of it.
            foreach (var group in signed.GroupBy(c => request.Lines[c.Line].Producer, StringComparer.Ordinal))
            {
                var sum = group.Sum(c => c.Amount);
                if (double.IsFinite(pledged) && sum > m * pledged * (1 + Slack))
                    fail("$.policy.maxProducerShare",
                        $"the commitments {List(group)} give producer '{group.Key}' {N(sum)} {baseCurrency}, more than {N(m)} of all the money pledged ({N(pledged)} {baseCurrency}): the commitments can be honoured only by breaking the cap (raise maxProducerShare or check the commitments)");
            }
        }
    }

    private static Dictionary<string, int> FirstIndex(IEnumerable<string> ids)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var id in ids) index.TryAdd(id, i++);
        return index;
    }

    private static string Hint(string name, IEnumerable<string> known) =>
        EditDistance.Closest(name, known) is { } closest ? $" (did you mean '{closest}'?)" : "";

    private static string List(IEnumerable<Resolved> commitments) =>
        string.Join(", ", commitments.Select(c => $"$.commitments[{c.Index}]"));

    private static string N(double x) => x.ToString("G12", CultureInfo.InvariantCulture);
}
