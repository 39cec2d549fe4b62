namespace Allocator.Models;

/// <summary>
/// The spreads of <see cref="SupportedRanges"/>, checked on a request's numbers in the base currency. Each broken
/// spread is reported once, at the smallest number, naming the largest by its path and what to do about it.
/// </summary>
internal static class SpreadRules
{
    public static void Check(AllocationRequest request, IReadOnlySet<string> knownCurrencies, Action<string, string> fail)
    {
        double? Rate(string currency) =>
            currency == request.BaseCurrency ? 1.0
            : knownCurrencies.Contains(currency) && request.ExchangeRates?.GetValueOrDefault(currency) is { } r && r > 0 && double.IsFinite(r) ? r
            : null;
        static bool Usable(double x) => double.IsFinite(x) && x > 0;

        var amounts = request.Donors.SelectMany((d, i) => d.Tranches.Select((k, j) =>
            (Value: k.Amount * (Rate(k.Currency) ?? double.NaN), Path: $"$.donors[{i}].tranches[{j}].amount", Currency: k.Currency)));
        var costs = request.Lines.Select((l, i) =>
            (Value: l.UnitCost * (Rate(l.Currency) ?? double.NaN), Path: $"$.lines[{i}].unitCost", Currency: l.Currency)).ToList();

        foreach (var (value, path, currency) in amounts.Concat(costs))
            if (Usable(value) && !SupportedRanges.Sane(value))
                fail(path, $"{SupportedRanges.N(value)} {request.BaseCurrency} (converted from {currency}) is beyond what any currency needs, " +
                    $"{SupportedRanges.N(SupportedRanges.MinMagnitude)} to {SupportedRanges.N(SupportedRanges.MaxMagnitude)} (check the number and its exchange rate)");

        var money = amounts.Concat(costs).Where(x => Usable(x.Value) && SupportedRanges.Sane(x.Value)).ToList();
        Spread(money, SupportedRanges.MaxMoneySpread, fail, (small, large) =>
            $"amounts of money are supported within a factor of {SupportedRanges.N(SupportedRanges.MaxMoneySpread)} of each other, " +
            $"in {request.BaseCurrency}, and this is {SupportedRanges.N(large / small)} times smaller than the largest (leave out amounts this small beside the rest, or split the request)");
        Spread(costs.Where(x => Usable(x.Value) && SupportedRanges.Sane(x.Value)).ToList(), SupportedRanges.MaxUnitCostSpread, fail, (small, large) =>
            $"unit costs are supported within a factor of {SupportedRanges.N(SupportedRanges.MaxUnitCostSpread)} of each other, and this is " +
            $"{SupportedRanges.N(large / small)} times smaller than the largest (count the cheap line's output in batches, such as 1,000 rounds, so its unit costs more)");
        var priorities = request.Needs.Select((n, i) => (Value: n.Priority, Path: $"$.needs[{i}].priority", Currency: ""))
            .Where(x => Usable(x.Value)).ToList();
        Spread(priorities, SupportedRanges.MaxPrioritySpread, fail, (small, large) =>
            $"priorities are supported within a factor of {SupportedRanges.N(SupportedRanges.MaxPrioritySpread)} of each other, and this is " +
            $"{SupportedRanges.N(large / small)} times smaller than the largest (priorities only matter relative to each other: a need this unimportant can be left out)");
    }

    private static void Spread(List<(double Value, string Path, string Currency)> items, double limit, Action<string, string> fail,
        Func<double, double, string> message)
    {
        if (items.Count < 2) return;
        var smallest = items.MinBy(x => x.Value);
        var largest = items.MaxBy(x => x.Value);
        if (largest.Value > limit * smallest.Value)
            fail(smallest.Path, $"{SupportedRanges.N(smallest.Value)} at this path and {SupportedRanges.N(largest.Value)} at {largest.Path}: {message(smallest.Value, largest.Value)}");
    }
}
