namespace Allocator.Models;

/// <summary>
/// The contract's cross-field rules (currencies, windows inside the horizon, capacity lengths, unique ids,
/// ranges). Every problem is collected; nothing stops at the first one.
/// </summary>
public static class RequestValidator
{
    /// <summary>Longest id the contract allows.</summary>
    public const int MaxIdLength = 100;

    /// <summary>Checks <paramref name="request"/> against every rule of contract v1.</summary>
    /// <param name="request">A request produced by <see cref="RequestReader"/>.</param>
    /// <param name="backends">Backend names this installation can run; <c>solver.backend</c> must be one of them.</param>
    public static IReadOnlyList<InputError> Validate(AllocationRequest request, IReadOnlyCollection<string> backends) =>
        Validate(request, backends, new HashSet<string>());

    /// <summary>
    /// Checks what could be read of a request whose values at <paramref name="unreadable"/> are placeholders
    /// (<see cref="RequestReader"/>): a rule is skipped when it depends on one, so that every error reported is
    /// about what the planner wrote.
    /// </summary>
    /// <param name="request">The request, with placeholders.</param>
    /// <param name="backends">Available backends, or null to leave <c>solver.backend</c> unchecked.</param>
    /// <param name="unreadable">JSON paths of the placeholders.</param>
    internal static IReadOnlyList<InputError> Validate(AllocationRequest request, IReadOnlyCollection<string>? backends, IReadOnlySet<string> unreadable)
    {
        bool Unread(string path) => UnreadablePaths.Covers(unreadable, path);
        var check = new Checks();
        var p = request.Horizon.Periods;

        if (request.SchemaVersion != "1")
            check.Fail("$.schemaVersion", $"'{request.SchemaVersion}' is not supported (this tool reads schemaVersion \"1\")");

        HashSet<string>? rates = ValidateCurrencies(request, check);
        if (Unread("$.baseCurrency") || Unread("$.exchangeRates"))
            rates = null; // which currencies have a rate is unknown: check only that codes look like codes
        if (p < 1)
            check.Fail("$.horizon.periods", $"{p} periods is too few (the horizon needs at least 1 period)");
        else if (p > SupportedRanges.MaxPeriods)
            check.Fail("$.horizon.periods", $"{p} periods is more than the supported {SupportedRanges.MaxPeriods} (use longer periods, such as quarters instead of months, or split the horizon)");
        var periodsKnown = p >= 1 && !Unread("$.horizon.periods");

        var donorIds = new UniqueIds(check);
        for (var d = 0; d < request.Donors.Count; d++)
        {
            var donor = request.Donors[d];
            var at = $"$.donors[{d}]";
            donorIds.Add(donor.Id, $"{at}.id");
            if (donor.Tranches.Count == 0)
                check.Fail($"{at}.tranches", "is empty (give at least one tranche, or remove the donor)");
            for (var k = 0; k < donor.Tranches.Count; k++)
            {
                var tranche = donor.Tranches[k];
                var tat = $"{at}.tranches[{k}]";
                check.Positive(tranche.Amount, $"{tat}.amount", "an amount");
                check.Currency(tranche.Currency, $"{tat}.currency", rates);
                if (!periodsKnown) continue;
                var from = tranche.AvailableFrom ?? 0;
                var until = tranche.ExpiresAfter ?? p - 1;
                var fromOk = check.Period(tranche.AvailableFrom, $"{tat}.availableFrom", p);
                var untilOk = check.Period(tranche.ExpiresAfter, $"{tat}.expiresAfter", p);
                if (fromOk && untilOk && from > until)
                    check.Fail($"{tat}.expiresAfter", $"period {until} is before availableFrom {from} (the tranche could never be committed)");
            }
            if (donor.Eligibility is { } e)
            {
                check.Labels(e.Categories, $"{at}.eligibility.categories");
                check.Labels(e.Countries, $"{at}.eligibility.countries");
                check.Labels(e.Producers, $"{at}.eligibility.producers");
                check.Labels(e.ExcludedProducers, $"{at}.eligibility.excludedProducers");
            }
        }

        var lineIds = new UniqueIds(check);
        for (var l = 0; l < request.Lines.Count; l++)
        {
            var line = request.Lines[l];
            var at = $"$.lines[{l}]";
            lineIds.Add(line.Id, $"{at}.id");
            check.Label(line.Producer, $"{at}.producer");
            check.Label(line.Country, $"{at}.country");
            check.Label(line.Category, $"{at}.category");
            check.Positive(line.UnitCost, $"{at}.unitCost", "a unit cost");
            check.Currency(line.Currency, $"{at}.currency", rates);
            if (line.LeadTime < 0)
                check.Fail($"{at}.leadTime", $"{line.LeadTime} is negative (a lead time counts whole periods from funding to delivery, 0 or more)");
            if (line.Capacity.Constant is { } constant)
                check.Capacity(constant, $"{at}.capacity");
            else
            {
                var values = line.Capacity.PerPeriod!;
                if (periodsKnown && values.Count != p)
                    check.Fail($"{at}.capacity", $"has {values.Count} values but the horizon has {p} periods (give one number per period, or a single number for all)");
                for (var t = 0; t < values.Count; t++)
                    check.Capacity(values[t], $"{at}.capacity[{t}]");
            }
            if (line.Slip is { } slip)
                SlipRules.Check(slip, $"{at}.slip", check.Fail, Unread);
            WholeUnitRules.CheckLine(line, at, check.Fail);
        }

        var needIds = new UniqueIds(check);
        for (var n = 0; n < request.Needs.Count; n++)
        {
            var need = request.Needs[n];
            var at = $"$.needs[{n}]";
            needIds.Add(need.Id, $"{at}.id");
            check.Label(need.Category, $"{at}.category");
            if (check.Positive(need.Quantity, $"{at}.quantity", "a quantity"))
                check.Sane(need.Quantity, $"{at}.quantity", "count the category in larger or smaller units, such as thousands of rounds");
            if (check.Positive(need.Priority, $"{at}.priority", "a priority"))
                check.Sane(need.Priority, $"{at}.priority", "priorities only matter relative to each other: divide or multiply them all by the same number");
            if (periodsKnown)
                check.Period(need.DueBy, $"{at}.dueBy", p);
            if (need.Tier is < 1)
                check.Fail($"{at}.tier", $"{need.Tier} is below 1 (tiers count from 1, the most urgent; leave it out for the last tier)");
            if (need.LateDecay is { } decay && !(decay >= 0 && double.IsFinite(decay)))
                check.Fail($"{at}.lateDecay", double.IsFinite(decay)
                    ? $"{decay} is negative (use 0 for no loss of value when late, 1 to lose it all after one period)"
                    : $"{decay} is not a finite number (use 0 for no loss of value when late, 1 to lose it all after one period)");
        }

        CategorySpread(request, check);
        if (rates is not null) SpreadRules.Check(request, rates, check.Fail); // amounts can be compared only once converted

        if (request.Policy?.MaxProducerShare is { } share && !(share > 0 && share <= 1))
            check.Fail("$.policy.maxProducerShare", $"{share} is outside (0, 1] (for example 0.4 means no producer gets more than 40% of the money)");
        ReplanRules.Check(request, rates, periodsKnown, check.Fail); // contract 1.1: asOf, commitments, previousPlan

        if (request.Solver is { } solver)
        {
            if (solver.Backend is { } backend && backends is not null && !backends.Contains(backend, StringComparer.OrdinalIgnoreCase))
                check.Fail("$.solver.backend", $"'{backend}' is not an available backend (use one of: {string.Join(", ", backends)})");
            if (solver.TimeLimitSeconds is { } limit && !(limit > 0 && double.IsFinite(limit)))
                check.Fail("$.solver.timeLimitSeconds", $"{limit} is not positive (give the number of seconds the solver may use)");
        }
        WholeUnitRules.CheckSolver(request, check.Fail);

        return unreadable.Count == 0 ? check.Errors : check.Errors.Where(e => !Unread(e.Path)).ToList();
    }

    private static HashSet<string> ValidateCurrencies(AllocationRequest request, Checks check)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (check.CurrencyCode(request.BaseCurrency, "$.baseCurrency"))
            known.Add(request.BaseCurrency);
        if (request.ExchangeRates is null) return known;
        foreach (var (code, rate) in request.ExchangeRates)
        {
            var at = JsonPath.Property("$.exchangeRates", code);
            var codeOk = check.CurrencyCode(code, at);
            if (!(rate > 0) || !double.IsFinite(rate))
                check.Fail(at, $"rate {rate} is not positive (give the value of one {code} in {request.BaseCurrency})");
            else if (!SupportedRanges.Sane(rate))
                check.Fail(at, $"rate {SupportedRanges.N(rate)} is beyond what any currency needs, {SupportedRanges.N(SupportedRanges.MinMagnitude)} to {SupportedRanges.N(SupportedRanges.MaxMagnitude)} (give the value of one {code} in {request.BaseCurrency})");
            else if (code == request.BaseCurrency && rate != 1)
                check.Fail(at, $"the base currency's rate must be 1, not {rate} (remove it or set it to 1)");
            // A code whose rate is wrong is still known: otherwise each use of it would get a misleading
            // "no exchange rate" error on top of the one about the rate itself.
            if (codeOk)
                known.Add(code);
        }
        return known;
    }

    /// <summary>
    /// Within one category, the smallest need must be within <see cref="SupportedRanges.MaxCategorySpread"/> of the
    /// category's largest need quantity or capacity (reported once per category, at the smallest need).
    /// </summary>
    private static void CategorySpread(AllocationRequest request, Checks check)
    {
        static bool Usable(double x) => double.IsFinite(x) && x > 0 && SupportedRanges.Sane(x);
        // One pass over needs and lines, grouped by category, and a JSON path written only for the values an error
        // names: wide requests have millions of capacities (90,000 lines × 24 periods took a second here).
        var needsOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < request.Needs.Count; i++)
        {
            var n = request.Needs[i];
            if (string.IsNullOrWhiteSpace(n.Category)) continue; // an error of its own (or a placeholder), not a category
            if (!needsOf.TryGetValue(n.Category, out var list)) needsOf[n.Category] = list = [];
            if (Usable(n.Quantity)) list.Add(i);
        }
        var linesOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < request.Lines.Count; i++)
            if (request.Lines[i].Category is { } c && needsOf.ContainsKey(c))
            {
                if (!linesOf.TryGetValue(c, out var list)) linesOf[c] = list = [];
                list.Add(i);
            }
        foreach (var (category, needs) in needsOf)
        {
            if (needs.Count == 0) continue;
            var smallest = needs.MinBy(i => request.Needs[i].Quantity);
            var smallestQuantity = request.Needs[smallest].Quantity;
            var largestNeed = needs.MaxBy(i => request.Needs[i].Quantity);
            (double Value, int Line, int T)? largestCapacity = null, smallestCapacity = null;
            foreach (var l in linesOf.GetValueOrDefault(category) ?? [])
            {
                var capacity = request.Lines[l].Capacity;
                var values = capacity.PerPeriod ?? [capacity.Constant ?? 0];
                for (var t = 0; t < values.Count; t++)
                {
                    if (!Usable(values[t])) continue;
                    if (largestCapacity is not { } most || values[t] > most.Value) largestCapacity = (values[t], l, t);
                    if (smallestCapacity is not { } least || values[t] < least.Value) smallestCapacity = (values[t], l, t);
                }
            }
            string CapacityPath((double Value, int Line, int T) c) =>
                request.Lines[c.Line].Capacity.PerPeriod is null ? $"$.lines[{c.Line}].capacity" : $"$.lines[{c.Line}].capacity[{c.T}]";
            // The largest of the needs' quantities and the capacities (the first such need, then the first capacity, on ties).
            var (largest, largestPath) = largestCapacity is { } top && top.Value > request.Needs[largestNeed].Quantity
                ? (top.Value, CapacityPath(top))
                : (request.Needs[largestNeed].Quantity, $"$.needs[{largestNeed}].quantity");
            if (largest > SupportedRanges.MaxCategorySpread * smallestQuantity)
                check.Fail($"$.needs[{smallest}].quantity",
                    $"{SupportedRanges.N(smallestQuantity)} is more than {SupportedRanges.N(SupportedRanges.MaxCategorySpread)} times smaller than {SupportedRanges.N(largest)} at {largestPath}: within one category, quantities and capacities are supported within a factor of {SupportedRanges.N(SupportedRanges.MaxCategorySpread)} of each other (cap capacities at what can be used, or split the category)");
            // A capacity far below the category's largest need is held on the same scale, and was solved as infeasible
            // (a capacity of 6 guns beside a need of 1e12: Fuzz/regressions/capacity-far-below-need.json).
            else if (smallestCapacity is { } small && largest > SupportedRanges.MaxCategorySpread * small.Value)
                check.Fail(CapacityPath(small),
                    $"{SupportedRanges.N(small.Value)} is more than {SupportedRanges.N(SupportedRanges.MaxCategorySpread)} times smaller than {SupportedRanges.N(largest)} at {largestPath}: within one category, quantities and capacities are supported within a factor of {SupportedRanges.N(SupportedRanges.MaxCategorySpread)} of each other (count the category in larger units, or split the category)");
        }
    }

    private sealed class UniqueIds(Checks check)
    {
        private readonly Dictionary<string, string> _firstPath = new(StringComparer.Ordinal);

        public void Add(string id, string path)
        {
            if (!check.Label(id, path)) return;
            if (id.Length > MaxIdLength)
                check.Fail(path, $"is {id.Length} characters long (ids may have at most {MaxIdLength})");
            else if (!_firstPath.TryAdd(id, path))
                check.Fail(path, $"duplicate id '{id}' (first used at {_firstPath[id]})");
        }
    }

    private sealed class Checks
    {
        public List<InputError> Errors { get; } = [];

        public void Fail(string path, string message) => Errors.Add(new InputError(path, message));

        public bool Label(string value, string path)
        {
            if (!string.IsNullOrWhiteSpace(value)) return true;
            Fail(path, "is empty (give a non-empty name)");
            return false;
        }

        public void Labels(IReadOnlyList<string>? values, string path)
        {
            for (var i = 0; values is not null && i < values.Count; i++)
                Label(values[i], $"{path}[{i}]");
        }

        public bool Positive(double value, string path, string what)
        {
            // Requests built in code skip the reader's finiteness check; the contract wants every number finite.
            if (!double.IsFinite(value))
                Fail(path, $"{value} is not a finite number ({what} must be a finite number greater than 0)");
            else if (!(value > 0))
                Fail(path, $"{value} is not positive ({what} must be greater than 0)");
            else
                return true;
            return false;
        }

        /// <summary>A positive number beyond the guard of <see cref="SupportedRanges.Sane"/> is an error naming the guard.</summary>
        public void Sane(double value, string path, string advice)
        {
            if (!SupportedRanges.Sane(value))
                Fail(path, $"{SupportedRanges.N(value)} is beyond what any request needs, {SupportedRanges.N(SupportedRanges.MinMagnitude)} to {SupportedRanges.N(SupportedRanges.MaxMagnitude)} ({advice})");
        }

        public void Capacity(double value, string path)
        {
            NonNegative(value, path);
            if (double.IsFinite(value) && value > SupportedRanges.MaxMagnitude)
                Fail(path, $"{SupportedRanges.N(value)} is beyond what any request needs, 0 to {SupportedRanges.N(SupportedRanges.MaxMagnitude)} units per period (cap it at what the needs can use, or count the category in larger units)");
        }

        public void NonNegative(double value, string path)
        {
            if (!double.IsFinite(value))
                Fail(path, $"{value} is not a finite number (capacity is a finite number of units per period)");
            else if (!(value >= 0))
                Fail(path, $"{value} is negative (capacity is 0 or more units per period)");
        }

        public bool Period(int? period, string path, int periods)
        {
            if (period is not { } t || (t >= 0 && t < periods)) return true;
            Fail(path, $"period {t} is outside the horizon (periods run from 0 to {periods - 1})");
            return false;
        }

        public bool CurrencyCode(string code, string path)
        {
            if (code.Length == 3 && code.All(char.IsAsciiLetterUpper)) return true;
            Fail(path, $"'{code}' is not a currency code (use three upper-case letters, such as EUR)");
            return false;
        }

        public void Currency(string code, string path, HashSet<string>? rates)
        {
            if (!CurrencyCode(code, path)) return;
            if (rates is not null && !rates.Contains(code))
                Fail(path, $"no exchange rate for '{code}' (add it to exchangeRates)");
        }
    }
}
