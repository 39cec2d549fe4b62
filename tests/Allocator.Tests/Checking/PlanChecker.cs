using System.Globalization;
using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>
/// Checks a reported plan against every rule of allocation contract v1, independently of how it was computed:
/// the constraints of the decision, the definitions of derived numbers (units, values, delivery periods) and
/// the consistency of every total and per-item row. Returns one sentence per violation; empty means valid.
/// </summary>
public static class PlanChecker
{
    // Money and value equalities are relative to the size of the number (a plan of 1e9 EUR is not expected to
    // be exact to the cent); unit limits get a slightly wider band because LP backends work to ~1e-9 scaled.
    private const double Rel = 1e-7;
    private const double UnitTol = 1e-6;
    // Contract: rows below 1e-9 of the largest of their kind are left out.
    private const double DropRatio = 1e-9;

    public static IReadOnlyList<string> Check(AllocationRequest request, AllocationResult result)
    {
        var fails = new List<string>();
        var spec = new SpecTerms(request);
        var p = spec.Periods;
        var lines = request.Lines;
        var needs = request.Needs;

        if (result.SchemaVersion != "1") fails.Add($"schemaVersion is '{result.SchemaVersion}', not '1'");
        if (result.BaseCurrency != request.BaseCurrency) fails.Add($"baseCurrency is '{result.BaseCurrency}', not '{request.BaseCurrency}'");
        if (result.Status is not ("optimal" or "feasible" or "not_solved")) fails.Add($"status '{result.Status}' is not one of optimal, feasible, not_solved");
        if (result.Status == "not_solved")
        {
            if (string.IsNullOrWhiteSpace(result.Message)) fails.Add("status not_solved without a message saying why");
            if (result.Allocations.Count > 0 || result.Deliveries.Count > 0) fails.Add("status not_solved but the result has a plan");
        }

        var donorAt = IndexOf(request.Donors.Select(d => d.Id));
        var lineAt = IndexOf(lines.Select(l => l.Id));
        var needAt = IndexOf(needs.Select(n => n.Id));

        // ---- allocations: x[k,l,t] ----
        var trancheMoney = request.Donors.Select(d => new double[d.Tranches.Count]).ToArray();
        var donorMoney = new double[request.Donors.Count];
        var lineMoney = new double[lines.Count];
        var lineUnits = new double[lines.Count];
        var funded = lines.Select(_ => new double[p]).ToArray(); // units by delivery period
        var producerMoney = new Dictionary<string, double>(StringComparer.Ordinal);
        var committed = 0.0;
        var seenX = new HashSet<(int, int, int, int)>();
        var cellUnits = new Dictionary<(int Line, int Period), double>(); // U[l,t]: units funded per line and commit period
        var maxAmount = result.Allocations.Select(a => a.Amount).DefaultIfEmpty(0).Max();
        var maxUnits = result.Allocations.Select(a => a.Units).DefaultIfEmpty(0).Max();
        for (var i = 0; i < result.Allocations.Count; i++)
        {
            var a = result.Allocations[i];
            var at = $"allocations[{i}] ({a.Donor}/{a.Tranche} -> {a.Line} in {a.Period})";
            if (!double.IsFinite(a.Amount) || !double.IsFinite(a.Units)) { fails.Add($"{at}: amount {a.Amount} or units {a.Units} not finite"); continue; }
            if (a.Amount <= 0 || a.Units <= 0) fails.Add($"{at}: amount {F(a.Amount)} / units {F(a.Units)} not positive (rows are for non-zero allocations only)");
            else if (a.Amount < DropRatio * maxAmount || a.Units < DropRatio * maxUnits) fails.Add($"{at}: below 1e-9 of the largest allocation, should be left out");
            if (!donorAt.TryGetValue(a.Donor, out var d)) { fails.Add($"{at}: unknown donor"); continue; }
            var donor = request.Donors[d];
            if (a.Tranche < 0 || a.Tranche >= donor.Tranches.Count) { fails.Add($"{at}: donor has no tranche {a.Tranche}"); continue; }
            if (!lineAt.TryGetValue(a.Line, out var l)) { fails.Add($"{at}: unknown line"); continue; }
            var tranche = donor.Tranches[a.Tranche];
            var line = lines[l];
            var t = a.Period;
            if (!seenX.Add((d, a.Tranche, l, t))) fails.Add($"{at}: second row for the same tranche, line and period");
            if (t < spec.From(tranche) || t > spec.Until(tranche)) fails.Add($"{at}: period outside the tranche window [{spec.From(tranche)}, {spec.Until(tranche)}]");
            if (!SpecTerms.Eligible(donor, line)) fails.Add($"{at}: line not eligible for the donor's earmarks");
            if (!spec.DeliversInHorizon(line, t)) fails.Add($"{at}: period + leadTime {(long)t + line.LeadTime} is beyond the horizon's last period {p - 1}");
            if (a.DeliveryPeriod != (long)t + line.LeadTime) fails.Add($"{at}: deliveryPeriod {a.DeliveryPeriod} != period + leadTime {(long)t + line.LeadTime}");
            var cost = spec.UnitCost(line);
            if (!Near(a.Units, a.Amount / cost)) fails.Add($"{at}: units {F(a.Units)} != amount / unit cost {F(a.Amount / cost)}");

            trancheMoney[d][a.Tranche] += a.Amount;
            donorMoney[d] += a.Amount;
            lineMoney[l] += a.Amount;
            lineUnits[l] += a.Units;
            committed += a.Amount;
            producerMoney[line.Producer] = producerMoney.GetValueOrDefault(line.Producer) + a.Amount;
            if (spec.DeliversInHorizon(line, t)) funded[l][t + line.LeadTime] += a.Units;
            cellUnits[(l, t)] = cellUnits.GetValueOrDefault((l, t)) + a.Units;
        }
        WholeUnits(fails, lines, cellUnits);

        for (var d = 0; d < request.Donors.Count; d++)
            for (var k = 0; k < request.Donors[d].Tranches.Count; k++)
            {
                var budget = spec.Budget(request.Donors[d].Tranches[k]);
                if (trancheMoney[d][k] > budget + Rel * Math.Max(1, budget))
                    fails.Add($"tranche {request.Donors[d].Id}/{k}: committed {F(trancheMoney[d][k])} exceeds its budget {F(budget)}");
            }

        for (var l = 0; l < lines.Count; l++)
            for (var s = 0; s < p; s++)
            {
                var cap = lines[l].Capacity.At(s);
                if (funded[l][s] > cap + UnitTol * Math.Max(1, cap))
                    fails.Add($"line {lines[l].Id} period {s}: {F(funded[l][s])} units funded exceed capacity {F(cap)}");
            }

        if (request.Policy?.MaxProducerShare is { } share)
            foreach (var (producer, money) in producerMoney)
                if (money > share * committed + Rel * Math.Max(1, committed))
                    fails.Add($"producer {producer}: receives {F(money)} of {F(committed)}, more than the share {F(share)}");

        // ---- deliveries: y[l,n,s] ----
        var delivered = lines.Select(_ => new double[p]).ToArray();
        var needUnits = new double[needs.Count];
        var needOnTime = new double[needs.Count];
        var needValue = new double[needs.Count];
        var value = 0.0;
        var seenY = new HashSet<(int, int, int)>();
        var maxDelivered = result.Deliveries.Select(y => y.Units).DefaultIfEmpty(0).Max();
        for (var i = 0; i < result.Deliveries.Count; i++)
        {
            var y = result.Deliveries[i];
            var at = $"deliveries[{i}] ({y.Line} -> {y.Need} in {y.Period})";
            if (!double.IsFinite(y.Units) || !double.IsFinite(y.Value)) { fails.Add($"{at}: units {y.Units} or value {y.Value} not finite"); continue; }
            if (y.Units <= 0 || y.Value < 0) fails.Add($"{at}: units {F(y.Units)} not positive or value {F(y.Value)} negative");
            else if (y.Units < DropRatio * maxDelivered) fails.Add($"{at}: below 1e-9 of the largest delivery, should be left out");
            if (!lineAt.TryGetValue(y.Line, out var l)) { fails.Add($"{at}: unknown line"); continue; }
            if (!needAt.TryGetValue(y.Need, out var n)) { fails.Add($"{at}: unknown need"); continue; }
            if (y.Period < 0 || y.Period >= p) { fails.Add($"{at}: period outside the horizon"); continue; }
            if (!seenY.Add((l, n, y.Period))) fails.Add($"{at}: second row for the same line, need and period");
            var need = needs[n];
            if (lines[l].Category != need.Category) fails.Add($"{at}: line category '{lines[l].Category}' cannot serve need category '{need.Category}'");
            var expected = spec.ExpectedUnitValue(lines[l], need, y.Period) * y.Units;
            if (!Near(y.Value, expected)) fails.Add($"{at}: value {F(y.Value)} != ev(l,n,s) * units = {F(expected)}");

            delivered[l][y.Period] += y.Units;
            needUnits[n] += y.Units;
            if (y.Period <= need.DueBy) needOnTime[n] += y.Units;
            needValue[n] += y.Value;
            value += y.Value;
        }

        for (var l = 0; l < lines.Count; l++)
            for (var s = 0; s < p; s++)
                if (delivered[l][s] > funded[l][s] + UnitTol * Math.Max(1, funded[l][s]))
                    fails.Add($"line {lines[l].Id} period {s}: delivers {F(delivered[l][s])} units but only {F(funded[l][s])} were funded for that period");

        for (var n = 0; n < needs.Count; n++)
            if (needUnits[n] > needs[n].Quantity + UnitTol * Math.Max(1, needs[n].Quantity))
                fails.Add($"need {needs[n].Id}: receives {F(needUnits[n])} units, more than its quantity {F(needs[n].Quantity)}");

        // ---- totals ----
        var available = request.Donors.SelectMany(d => d.Tranches).Sum(spec.Budget);
        var sm = result.Summary;
        Same(fails, "summary.value", sm.Value, value);
        Same(fails, "summary.maxValue", sm.MaxValue, needs.Sum(n => n.Priority));
        Same(fails, "summary.committed", sm.Committed, committed);
        Same(fails, "summary.available", sm.Available, available);
        Same(fails, "summary.unallocated", sm.Unallocated, available - committed, available);

        // ---- per-item rows: one per input item, in input order ----
        Rows(fails, "donors", result.Donors.Select(r => r.Id), request.Donors.Select(d => d.Id), (i, path) =>
        {
            var r = result.Donors[i];
            var pledged = request.Donors[i].Tranches.Sum(spec.Budget);
            Same(fails, $"{path}.available", r.Available, pledged);
            Same(fails, $"{path}.committed", r.Committed, donorMoney[i]);
            Same(fails, $"{path}.unallocated", r.Unallocated, pledged - donorMoney[i], pledged);
        });
        Rows(fails, "lines", result.Lines.Select(r => r.Id), lines.Select(l => l.Id), (i, path) =>
        {
            var r = result.Lines[i];
            Same(fails, $"{path}.fundedUnits", r.FundedUnits, lineUnits[i]);
            Same(fails, $"{path}.capacityUnits", r.CapacityUnits, Enumerable.Range(0, p).Sum(lines[i].Capacity.At));
            Same(fails, $"{path}.funding", r.Funding, lineMoney[i]);
        });
        Rows(fails, "needs", result.Needs.Select(r => r.Id), needs.Select(n => n.Id), (i, path) =>
        {
            var r = result.Needs[i];
            Same(fails, $"{path}.deliveredUnits", r.DeliveredUnits, needUnits[i]);
            Same(fails, $"{path}.onTimeUnits", r.OnTimeUnits, needOnTime[i]);
            Same(fails, $"{path}.shortfallUnits", r.ShortfallUnits, needs[i].Quantity - needUnits[i], needs[i].Quantity);
            Same(fails, $"{path}.value", r.Value, needValue[i]);
        });
        return fails;
    }

    /// <summary>
    /// Contract 1.1: per line and commit period, the rows' units add up to a whole number of lots and to zero or at
    /// least the minimum order, within 1e-9 relative (rows are reported to 12 significant digits).
    /// </summary>
    private static void WholeUnits(List<string> fails, IReadOnlyList<ProductionLine> lines, Dictionary<(int Line, int Period), double> cellUnits)
    {
        const double wholeTolerance = 1e-9;
        foreach (var ((l, t), units) in cellUnits.OrderBy(c => c.Key))
        {
            var line = lines[l];
            if (line.LotSize is { } lot)
            {
                var lots = Math.Round(units / lot);
                if (Math.Abs(units - lots * lot) > wholeTolerance * Math.Max(lot, units))
                    fails.Add($"line {line.Id} period {t}: {F(units)} units funded are not a whole number of lots of {F(lot)}");
            }
            if (line.MinimumOrder is { } minimum && units > 0 && units < minimum * (1 - wholeTolerance))
                fails.Add($"line {line.Id} period {t}: {F(units)} units funded are below the minimum order of {F(minimum)}");
        }
    }

    private static Dictionary<string, int> IndexOf(IEnumerable<string> ids)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, i) in ids.Select((id, i) => (id, i))) map.TryAdd(id, i);
        return map;
    }

    private static void Rows(List<string> fails, string name, IEnumerable<string> got, IEnumerable<string> want, Action<int, string> check)
    {
        var g = got.ToList();
        var w = want.ToList();
        if (g.Count != w.Count) fails.Add($"{name}: {g.Count} rows for {w.Count} input items");
        for (var i = 0; i < Math.Min(g.Count, w.Count); i++)
        {
            if (g[i] != w[i]) fails.Add($"{name}[{i}]: id '{g[i]}' where input order has '{w[i]}'");
            else check(i, $"{name}[{i}] ({g[i]})");
        }
    }

    /// <summary><paramref name="actual"/> equals <paramref name="expected"/> to 1e-7 of max(1, |scale|).</summary>
    private static bool Near(double actual, double expected, double? scale = null) =>
        Math.Abs(actual - expected) <= Rel * Math.Max(1, Math.Abs(scale ?? expected));

    private static void Same(List<string> fails, string what, double actual, double expected, double? scale = null)
    {
        if (!Near(actual, expected, scale)) fails.Add($"{what} is {F(actual)}, expected {F(expected)}");
    }

    private static string F(double x) => x.ToString("G10", CultureInfo.InvariantCulture);
}
