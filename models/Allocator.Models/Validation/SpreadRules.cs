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

        // Converted amounts that overflow to infinity count too (1.8e308 EUR at 1.25 is infinite in USD: found by the
        // fuzzer); a number already infinite in the request has an error of its own.
        var written = request.Donors.SelectMany(d => d.Tranches.Select(k => k.Amount)).Concat(request.Lines.Select(l => l.UnitCost)).ToList();
        foreach (var ((value, path, currency), raw) in amounts.Concat(costs).Zip(written))
            if (value > 0 && double.IsFinite(raw) && !SupportedRanges.Sane(value))
                fail(path, $"{SupportedRanges.N(value)} {request.BaseCurrency} (converted from {currency}) is beyond what any currency needs, " +
                    $"{SupportedRanges.N(SupportedRanges.MinMagnitude)} to {SupportedRanges.N(SupportedRanges.MaxMagnitude)} (check the number and its exchange rate)");

        // Only numbers that passed the checks above take part in the spreads (the others have errors of their own).
        static List<(double Value, string Path, string Currency)> Checkable(IEnumerable<(double Value, string Path, string Currency)> items) =>
            items.Where(x => Usable(x.Value) && SupportedRanges.Sane(x.Value)).ToList();
        var money = Checkable(amounts.Concat(costs));
        Spread(money, SupportedRanges.MaxMoneySpread, fail, (small, large) =>
            $"amounts of money are supported within a factor of {SupportedRanges.N(SupportedRanges.MaxMoneySpread)} of each other, " +
            $"in {request.BaseCurrency}, and this is {SupportedRanges.N(large / small)} times smaller than the largest (leave out amounts this small beside the rest, or split the request)");
        Spread(Checkable(costs), SupportedRanges.MaxUnitCostSpread, fail, (small, large) =>
            $"unit costs are supported within a factor of {SupportedRanges.N(SupportedRanges.MaxUnitCostSpread)} of each other, and this is " +
            $"{SupportedRanges.N(large / small)} times smaller than the largest (count the cheap line's output in batches, such as 1,000 rounds, so its unit costs more)");
        LineScale(request, costs, Checkable(amounts), fail);
        var priorities = request.Needs.Select((n, i) => (Value: n.Priority, Path: $"$.needs[{i}].priority", Currency: ""))
            .Where(x => Usable(x.Value)).ToList();
        Spread(priorities, SupportedRanges.MaxPrioritySpread, fail, (small, large) =>
            $"priorities are supported within a factor of {SupportedRanges.N(SupportedRanges.MaxPrioritySpread)} of each other, and this is " +
            $"{SupportedRanges.N(large / small)} times smaller than the largest (priorities only matter relative to each other: a need this unimportant can be left out)");
    }

    /// <summary>
    /// The money that a line's category is counted in: its unit cost times the largest need quantity or capacity of
    /// its category (the LP counts the category's units on that scale). Within <see cref="SupportedRanges.MaxLineScaleSpread"/>
    /// of the largest tranche either way, or the LP's coefficients leave what a simplex code can hold (HiGHS
    /// refuses matrix values above 1e15 and drops those below 1e-9).
    /// </summary>
    private static void LineScale(AllocationRequest request, List<(double Value, string Path, string Currency)> costs,
        List<(double Value, string Path, string Currency)> budgets, Action<string, string> fail)
    {
        if (budgets.Count == 0) return;
        var largest = budgets.MaxBy(x => x.Value);
        var scale = new Dictionary<string, double>(StringComparer.Ordinal);
        void Note(string category, double units)
        {
            if (double.IsFinite(units) && units > 0 && SupportedRanges.Sane(units))
                scale[category] = Math.Max(scale.GetValueOrDefault(category), units);
        }
        foreach (var need in request.Needs) Note(need.Category, need.Quantity);
        foreach (var line in request.Lines)
            foreach (var units in line.Capacity.PerPeriod ?? [line.Capacity.Constant ?? 0]) Note(line.Category, units);
        for (var l = 0; l < request.Lines.Count; l++)
        {
            var (cost, path, _) = costs[l];
            if (!(cost > 0) || !SupportedRanges.Sane(cost) || !scale.TryGetValue(request.Lines[l].Category, out var units)) continue;
            var ratio = cost * units / largest.Value;
            if (ratio > SupportedRanges.MaxLineScaleSpread || ratio < 1 / SupportedRanges.MaxLineScaleSpread)
                fail(path, $"{SupportedRanges.N(cost * units)} {request.BaseCurrency} buys the largest quantity or capacity of '{request.Lines[l].Category}' " +
                    $"({SupportedRanges.N(units)} units) at this unit cost, {SupportedRanges.N(ratio)} times the largest tranche ({largest.Path}): " +
                    $"supported within a factor of {SupportedRanges.N(SupportedRanges.MaxLineScaleSpread)} either way (cap capacities at what the money could buy, or count the category in other units)");
        }
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
