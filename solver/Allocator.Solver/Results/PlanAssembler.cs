using Allocator.Models;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;

namespace Allocator.Solver.Results;

/// <summary>
/// Turns a formulation's <see cref="PlanDraft"/> into the contract's result: drops rows below the contract's
/// 1e-9 threshold, splits each category's funded units over its needs, and computes every total from the rows
/// that are reported (before presentation rounding), so that the summaries are the sums a planner would add up.
/// </summary>
internal static class PlanAssembler
{
    /// <summary>The contract's threshold: rows below this fraction of the largest of their kind are left out.</summary>
    public const double RowThreshold = 1e-9;

    private readonly record struct Money(int Tranche, int Line, int Period, double Amount, double Units);

    private readonly record struct Delivery(int Line, int Need, int Period, double Units, double Value);

    /// <summary>The contract's result for <paramref name="draft"/> (none when null); with <paramref name="wholeUnits"/>, the MIP's relaxed value and value bound (contract units).</summary>
    public static AllocationResult Assemble(AllocationRequest request, AllocationProblem p, PlanDraft? draft,
        LpStatus status, string? message, Diagnostics diagnostics, WholeUnitFigures? wholeUnits = null)
    {
        var money = draft is null ? [] : Allocations(p, draft);
        var deliveries = draft is null ? [] : Deliveries(p, draft, money);
        var available = p.Tranches.Sum(k => k.Budget);
        var committed = money.Sum(a => a.Amount);
        var revision = RevisionFigures.Compare(p, money.ToDictionary(a => (a.Tranche, a.Line, a.Period), a => Figures.Round(a.Amount)));
        var value = deliveries.Sum(d => d.Value);
        return new AllocationResult
        {
            Status = status switch { LpStatus.Optimal => "optimal", LpStatus.Feasible => "feasible", _ => "not_solved" },
            Message = message,
            BaseCurrency = request.BaseCurrency,
            Summary = new PlanSummary
            {
                Value = Figures.Round(value),
                MaxValue = Figures.Round(p.Needs.Sum(n => n.Priority)),
                Committed = Figures.Round(committed),
                Available = Figures.Round(available),
                Unallocated = Figures.Difference(available, committed),
                Change = revision?.Change,
                // Both bound every plan in whole lots; a plan above one by less than 1e-9 is the LP's rounding, not a better plan.
                ValueBound = wholeUnits is null || draft is null ? null : Figures.Round(AtLeast(wholeUnits.ValueBound, value)),
                RelaxedValue = wholeUnits is null ? null : Figures.Round(draft is null ? wholeUnits.RelaxedValue : AtLeast(wholeUnits.RelaxedValue, value)),
            },
            Allocations = money.Select(a => new AllocationRow
            {
                Donor = request.Donors[p.Tranches[a.Tranche].Donor].Id,
                Tranche = p.Tranches[a.Tranche].IndexInDonor,
                Line = request.Lines[a.Line].Id,
                Period = a.Period,
                DeliveryPeriod = a.Period + p.Lines[a.Line].LeadTime,
                Amount = Figures.Round(a.Amount),
                Units = Figures.Round(a.Units),
                Signed = p.SignedAmount(a.Tranche, a.Line, a.Period) is var signed && signed > 0 ? Figures.Round(Math.Min(signed, a.Amount)) : null,
            }).ToList(),
            Deliveries = deliveries.Select(d => new DeliveryRow
            {
                Line = request.Lines[d.Line].Id,
                Need = request.Needs[d.Need].Id,
                Period = d.Period,
                Units = Figures.Round(d.Units),
                Value = Figures.Round(d.Value),
            }).ToList(),
            Donors = DonorRows(request, p, money),
            Lines = LineRows(request, p, money),
            Needs = NeedRows(request, p, deliveries),
            Diagnostics = diagnostics,
            Revision = revision?.Revision,
        };
    }

    private static double AtLeast(double bound, double value) =>
        bound < value && value - bound <= 1e-9 * Math.Max(1, Math.Abs(value)) ? value : bound;

    /// <summary>Money rows in reading order: by tranche, then period, then line.</summary>
    private static List<Money> Allocations(AllocationProblem p, PlanDraft draft)
    {
        var rows = draft.Commitments
            .Where(c => c.Amount > 0)
            .GroupBy(c => (c.Tranche, c.Line, c.Period))
            .Select(g => (g.Key.Tranche, g.Key.Line, g.Key.Period, Amount: g.Sum(c => c.Amount)))
            .OrderBy(c => c.Tranche).ThenBy(c => c.Period).ThenBy(c => c.Line)
            .Select(c => new Money(c.Tranche, c.Line, c.Period, c.Amount, c.Amount / p.Lines[c.Line].UnitCost))
            .ToList();
        return WithoutNegligible(WithinLimits(p, rows));
    }

    /// <summary>
    /// The contract's rule on the rows as reported (after grouping and after <see cref="WithinLimits"/> shrank
    /// some): a row whose amount or units are below 1e-9 of the largest reported amount or units is left out.
    /// Leaving rows out can lower the largest values, so it repeats until every remaining row passes.
    /// </summary>
    private static List<Money> WithoutNegligible(List<Money> rows)
    {
        while (true)
        {
            var amount = rows.Select(r => r.Amount).DefaultIfEmpty(0).Max();
            var units = rows.Select(r => r.Units).DefaultIfEmpty(0).Max();
            var kept = rows.Where(r => r.Amount >= RowThreshold * amount && r.Units >= RowThreshold * units && r.Amount > 0).ToList();
            if (kept.Count == rows.Count) return rows;
            rows = kept;
        }
    }

    /// <summary>
    /// A backend's answer meets budgets, capacities and the producer-share cap only to its own tolerance (about
    /// 1e-9 for simplex codes, 1e-5 for PDLP). Rows that overshoot are scaled down until the reported plan meets
    /// all three exactly. Shrinking rows cannot break a budget, a capacity, a need's quantity or the link
    /// between funded and delivered units (deliveries are split from these rows afterwards); it can raise other
    /// producers' shares, which is why the share cap is checked last and repeatedly. For simplex backends the
    /// change is within their tolerance, far below the contract's 1e-6.
    /// </summary>
    private static List<Money> WithinLimits(AllocationProblem p, List<Money> rows)
    {
        void Scale(IEnumerable<int> indices, double factor)
        {
            foreach (var i in indices)
                rows[i] = rows[i] with { Amount = rows[i].Amount * factor, Units = rows[i].Units * factor };
        }

        foreach (var cell in Enumerable.Range(0, rows.Count).GroupBy(i => (rows[i].Line, rows[i].Period)))
        {
            var capacity = p.Lines[cell.Key.Line].Capacity[cell.Key.Period + p.Lines[cell.Key.Line].LeadTime];
            var units = cell.Sum(i => rows[i].Units);
            if (units > capacity) Scale(cell, capacity / units);
        }
        foreach (var tranche in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Tranche))
        {
            var budget = p.Tranches[tranche.Key].Budget;
            var spent = tranche.Sum(i => rows[i].Amount);
            if (spent > budget) Scale(tranche, budget / spent);
        }
        if (p.MaxProducerShare is { } m and < 1)
        {
            var byProducer = Enumerable.Range(0, rows.Count).GroupBy(i => p.Lines[rows[i].Line].Producer).ToList();
            // Each pass only shrinks; it ends when no producer is over the cap (a few passes at most in practice).
            for (var pass = 0; pass < 100; pass++)
            {
                var total = rows.Sum(r => r.Amount);
                var over = byProducer.Select(g => (g, money: g.Sum(i => rows[i].Amount))).FirstOrDefault(x => x.money > m * total);
                if (over.g is null) break;
                // Largest factor f with f*money <= m*(total - (1-f)*money).
                var factor = over.money >= total ? 0 : m * (total - over.money) / (over.money * (1 - m));
                Scale(over.g, Math.Min(1, factor));
            }
        }
        return rows;
    }

    /// <summary>
    /// Units funded for delivery in period s on the lines of a category serve the category's needs in input
    /// order; any split is valid because units of a category are interchangeable (docs/model.md). With slips, only
    /// lines of one slip profile are: each profile's lines serve what the draft assigned to that profile. Supply is
    /// what the reported money rows buy, so deliveries never exceed funded units. Values are expected values
    /// (contract 1.1, section 4), which is the value itself without slips.
    /// </summary>
    private static List<Delivery> Deliveries(AllocationProblem p, PlanDraft draft, List<Money> money)
    {
        var funded = p.Lines.Select(_ => new double[p.Periods]).ToArray(); // by delivery period
        foreach (var a in money)
            funded[a.Line][a.Period + p.Lines[a.Line].LeadTime] += a.Units;

        var remaining = p.Needs.Select(n => n.Quantity).ToArray();
        var rows = new List<Delivery>();
        for (var c = 0; c < p.CategoryCount; c++)
        {
            var lines = Enumerable.Range(0, p.Lines.Length).Where(l => p.Lines[l].Category == c).ToList();
            var needs = Enumerable.Range(0, p.Needs.Length).Where(n => p.Needs[n].Category == c).ToList();
            var profiles = lines.Select(p.SlipOf).Distinct().ToList();
            for (var s = 0; s < p.Periods; s++)
                foreach (var profile in profiles)
                {
                    var supplies = lines.Where(l => p.SlipOf(l) == profile && funded[l][s] > 0).Select(l => (l, funded[l][s])).ToList();
                    if (supplies.Count == 0) continue;
                    var wanted = draft.NeedUnitsOf(profile);
                    var demands = needs.Select(n => (n, Math.Min(wanted[n][s], remaining[n])))
                        .Where(d => d.Item2 > 0 && p.ExpectedFreshness(d.n, profile, s) > 0).ToList();
                    foreach (var (l, n, units) in TransportSplit.Split(supplies, demands))
                    {
                        rows.Add(new Delivery(l, n, s, units, p.ExpectedUnitValue(n, profile, s) * units));
                        remaining[n] -= units;
                    }
                }
        }
        var largest = rows.Select(r => r.Units).DefaultIfEmpty(0).Max();
        return rows
            .Where(r => r.Units > RowThreshold * largest)
            .OrderBy(r => r.Need).ThenBy(r => r.Period).ThenBy(r => r.Line)
            .ToList();
    }

    private static List<DonorRow> DonorRows(AllocationRequest request, AllocationProblem p, List<Money> money)
    {
        var committed = new double[request.Donors.Count];
        foreach (var a in money)
            committed[p.Tranches[a.Tranche].Donor] += a.Amount;
        return request.Donors.Select((donor, d) =>
        {
            var available = p.Tranches.Where(k => k.Donor == d).Sum(k => k.Budget);
            return new DonorRow
            {
                Id = donor.Id,
                Available = Figures.Round(available),
                Committed = Figures.Round(committed[d]),
                Unallocated = Figures.Difference(available, committed[d]),
            };
        }).ToList();
    }

    private static List<LineRow> LineRows(AllocationRequest request, AllocationProblem p, List<Money> money)
    {
        var byLine = money.ToLookup(a => a.Line);
        return request.Lines.Select((line, l) => new LineRow
        {
            Id = line.Id,
            FundedUnits = Figures.Round(byLine[l].Sum(a => a.Units)),
            CapacityUnits = Figures.Round(p.Lines[l].Capacity.Sum()),
            Funding = Figures.Round(byLine[l].Sum(a => a.Amount)),
        }).ToList();
    }

    private static List<NeedRow> NeedRows(AllocationRequest request, AllocationProblem p, List<Delivery> deliveries)
    {
        var byNeed = deliveries.ToLookup(d => d.Need);
        return request.Needs.Select((need, n) =>
        {
            var rows = byNeed[n].ToList();
            var delivered = rows.Sum(d => d.Units);
            return new NeedRow
            {
                Id = need.Id,
                DeliveredUnits = Figures.Round(delivered),
                OnTimeUnits = Figures.Round(rows.Where(d => d.Period <= p.Needs[n].DueBy).Sum(d => d.Units)),
                ShortfallUnits = Math.Max(0, Figures.Difference(need.Quantity, delivered)),
                Value = Figures.Round(rows.Sum(d => d.Value)),
            };
        }).ToList();
    }
}

/// <summary>Contract 1.1: the MIP's figures in the contract's value units.</summary>
/// <param name="RelaxedValue">The optimal value without lots and minimum orders.</param>
/// <param name="ValueBound">The proven bound on the value in whole lots.</param>
internal sealed record WholeUnitFigures(double RelaxedValue, double ValueBound);
