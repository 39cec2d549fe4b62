using Allocator.Models;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;
using Allocator.Solver.Results;

namespace Allocator.Solver.Explanations;

/// <summary>
/// Turns the LP's sensitivities, the plan and the hand-made baseline into <see cref="PlanExplanations"/>: marginal values
/// in the planner's units (value per million, per unit of capacity, per unit of need), and a reason for every tranche
/// with money left, every line with capacity left and every need left short. Reasons are decided by the structure of
/// the request first (nothing eligible, too late, fully booked), and only then by prices from the LP's duals.
/// docs/explanations.md lists the codes.
/// </summary>
internal sealed partial class ExplanationBuilder
{
    public const string Basis =
        "right-derivative: the value V gains per unit added (money, capacity, need size), not the value lost per unit removed. " +
        "It is the dual of the value stage (GLOP); where the LP is degenerate and the dual is not unique, a warm re-solve with the " +
        "bound raised measured the value of adding (derivative: right-derivative). With urgency tiers: the gain of the most urgent tier whose value grows.";

    /// <summary>Unallocated money, unfunded capacity and shortfalls below this share of their size are not explained.</summary>
    private const double Negligible = 1e-6;

    private readonly AllocationRequest _request;
    private readonly AllocationProblem _p;
    private readonly PooledMap _map;
    private readonly LpModel _model;
    private readonly SensitivityReport? _report;
    private readonly AllocationResult _result;
    private readonly Wording _say;

    // The plan, re-read from the result's rows.
    private readonly double[][] _funded;       // [l][s] units funded for delivery in s
    private readonly double[] _trancheSpent;   // [k]
    private readonly double[] _producerMoney;  // [producer]
    private readonly double[][] _delivered;    // [n][s]
    private readonly string[] _categoryNames;
    private readonly string[] _producerNames;
    private readonly Lazy<bool[][]> _moneyOpen;   // [l][t]: some tranche may commit money to line l in t
    private readonly Lazy<List<int>[]> _needsOf;  // [c]: the needs of category c, in input order
    private readonly Lazy<bool[][]> _wanted;      // [c][s]: some need of category c is short and still values a delivery in s
    private readonly Dictionary<int, (int Line, int[] Periods)[]> _openCells = []; // [c]: see OpenCells

    private ExplanationBuilder(AllocationRequest request, AllocationProblem p, PooledMap map, LpModel model,
        SensitivityReport? report, AllocationResult result)
    {
        _request = request;
        _p = p;
        _map = map;
        _model = model;
        _report = report;
        _result = result;
        _say = new Wording(request);

        var lineAt = request.Lines.Select((l, i) => (l.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var needAt = request.Needs.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var donorAt = request.Donors.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var trancheAt = p.Tranches.Select((k, i) => ((k.Donor, k.IndexInDonor), i)).ToDictionary(x => x.Item1, x => x.i);
        _funded = p.Lines.Select(_ => new double[p.Periods]).ToArray();
        _trancheSpent = new double[p.Tranches.Length];
        _producerMoney = new double[p.ProducerCount];
        foreach (var a in result.Allocations)
        {
            var l = lineAt[a.Line];
            _funded[l][a.DeliveryPeriod] += a.Units;
            _trancheSpent[trancheAt[(donorAt[a.Donor], a.Tranche)]] += a.Amount;
            _producerMoney[p.Lines[l].Producer] += a.Amount;
        }
        _delivered = p.Needs.Select(_ => new double[p.Periods]).ToArray();
        foreach (var d in result.Deliveries)
            _delivered[needAt[d.Need]][d.Period] += d.Units;
        _categoryNames = new string[p.CategoryCount];
        _producerNames = new string[p.ProducerCount];
        for (var l = 0; l < p.Lines.Length; l++)
        {
            _categoryNames[p.Lines[l].Category] = request.Lines[l].Category;
            _producerNames[p.Lines[l].Producer] = request.Lines[l].Producer;
        }
        for (var n = 0; n < p.Needs.Length; n++)
            _categoryNames[p.Needs[n].Category] = request.Needs[n].Category;
        // Computed once: the reasons ask these per line, period and need, which is too slow to recompute at national scale.
        _moneyOpen = new(() => p.Lines.Select((line, l) =>
        {
            var open = new bool[p.Periods];
            for (var k = 0; k < p.Tranches.Length; k++)
                if (p.IsEligible(k, l))
                    for (var t = p.Tranches[k].From; t <= Math.Min(p.Tranches[k].Until, p.Periods - 1 - line.LeadTime); t++)
                        open[t] = true;
            return open;
        }).ToArray());
        // Grouped once (the lines by the formulation's PoolIndex, through the map): a reason per unfunded line (or short
        // need) scanned every need (or line), 54 million steps on `wide` with 90,000 lines and 600 needs.
        _needsOf = new(() =>
        {
            var of = Enumerable.Range(0, p.CategoryCount).Select(_ => new List<int>()).ToArray();
            for (var n = 0; n < p.Needs.Length; n++) of[p.Needs[n].Category].Add(n);
            return of;
        });
        _wanted = new(() =>
        {
            var wanted = Enumerable.Range(0, p.CategoryCount).Select(_ => new bool[p.Periods]).ToArray();
            for (var n = 0; n < p.Needs.Length; n++)
            {
                if (p.Needs[n].Quantity - _delivered[n].Sum() <= Negligible * p.Needs[n].Quantity) continue;
                for (var s = 0; s < p.Periods; s++)
                    wanted[p.Needs[n].Category][s] |= p.Needs[n].Freshness(s) > 0;
            }
            return wanted;
        });
    }

    public static PlanExplanations Build(AllocationRequest request, AllocationProblem p, PooledMap map, LpModel model,
        SensitivityReport? report, AllocationResult result, AllocationResult baseline, IEnumerable<string> notes)
    {
        var builder = new ExplanationBuilder(request, p, map, model, report, result);
        var allNotes = notes.Concat(report?.Notes ?? []).ToList();
        return new PlanExplanations
        {
            MarginalValueBasis = Basis,
            Notes = allNotes.Count > 0 ? allNotes : null,
            Tranches = Enumerable.Range(0, p.Tranches.Length).Select(builder.Tranche).ToList(),
            Lines = Enumerable.Range(0, p.Lines.Length).Select(builder.Line).ToList(),
            Needs = Enumerable.Range(0, p.Needs.Length).Select(builder.Need).ToList(),
            Baseline = new BaselineComparison
            {
                Value = baseline.Summary.Value,
                Committed = baseline.Summary.Committed,
                GainPercent = baseline.Summary.Value > 0
                    ? Figures.Round(Math.Round((result.Summary.Value - baseline.Summary.Value) / baseline.Summary.Value * 100, 6))
                    : null,
                Method = Baseline.Method,
            },
        };
    }

    private bool Probed => _report is { Complete: true };
    private Scales Sc => _map.Scales;
    private double? Share => _p.MaxProducerShare is { } m && m < 1 ? m : null;
    private double Committed => _result.Summary.Committed;

    // Marginal values in the planner's units ------------------------------------------------------------------------

    private int? Tier(StagedValue v) => v.Stage < 0 || !_p.HasTiers ? null : TierOfStage(v.Stage);

    private int TierOfStage(int stage) => _p.StageTiers[stage] ?? (_p.StageTiers.Where(t => t is not null).Max()!.Value + 1);

    private static string Kind(StagedValue v) => v.Sensitivity.Kind == DerivativeKind.RightDerivative ? "right-derivative" : "dual";

    /// <summary>Value of one more LP money unit reaching pool <paramref name="pool"/> in <paramref name="t"/>, per million base currency.</summary>
    private double MoneyValuePerMillion(StageSnapshot stage, int pool, int t) =>
        _map.PoolRow(pool, t) is var row and >= 0 ? Math.Max(0, -stage.RowDuals[row]) * Sc.Value / Sc.Money * 1e6 : 0;

    /// <summary>Value of one more unit of line <paramref name="l"/> due in <paramref name="s"/> (its category's, or its category and slip's).</summary>
    private double UnitValue(StageSnapshot stage, int l, int s) =>
        _map.SupplyRow(l, s) is var row and >= 0 ? Math.Max(0, stage.RowDuals[row]) * Sc.Value / Sc.Units[_p.Lines[l].Category] : 0;

    /// <summary>
    /// The highest unit cost at which the optimiser would fund more of line <paramref name="l"/> with money committed in
    /// <paramref name="t"/>: in a value stage, the value of a unit there over the value of money at its pool (money is
    /// the bottleneck); in the money stage, the price at which it would replace what was bought (value is settled).
    /// </summary>
    private double BreakEven(int l, int t)
    {
        var column = _map.UnitColumn(l, t);
        if (column < 0 || _report is null) return 0;
        var line = _p.Lines[l];
        var best = 0.0;
        foreach (var stage in _report.Stages)
        {
            var money = MoneyValuePerMillion(stage, _map.PoolOfLine[l], t) / 1e6;
            var unit = UnitValue(stage, l, t + line.LeadTime);
            if (money > 1e-15 && unit > 0) best = Math.Max(best, unit / money);
        }
        if (_report.Money is { } m)
        {
            var price = (_model.MoneyCoefficient(column) - m.ReducedCosts[column]) * Sc.Money / Sc.Units[line.Category];
            best = Math.Max(best, price);
        }
        return best;
    }

    // Tranches ------------------------------------------------------------------------------------------------------

    private TrancheExplanation Tranche(int k)
    {
        var tranche = _p.Tranches[k];
        var left = Math.Max(0, tranche.Budget - _trancheSpent[k]);
        var value = Probed ? _report!.Tranches[k] : (StagedValue?)null;
        return new TrancheExplanation
        {
            Donor = _request.Donors[tranche.Donor].Id,
            Tranche = tranche.IndexInDonor,
            Unallocated = Figures.Round(left),
            MarginalValuePerMillion = value is { } v ? Figures.Round(v.Value * Sc.Value / Sc.Money * 1e6) : null,
            Derivative = value is { } d ? Kind(d) : null,
            Tier = value is { } w ? Tier(w) : null,
            Reason = left > Negligible * tranche.Budget ? TrancheReason(k, left, value) : null,
        };
    }

    private Reason TrancheReason(int k, double left, StagedValue? value)
    {
        var tranche = _p.Tranches[k];
        var donor = _request.Donors[tranche.Donor];
        var window = _say.Span(tranche.From, tranche.Until);
        var eligible = Enumerable.Range(0, _p.Lines.Length).Where(l => _p.IsEligible(k, l)).ToList();
        if (eligible.Count == 0)
            return new Reason
            {
                Code = "no-eligible-line",
                Message = $"No line is eligible under {donor.Id}'s earmarks ({Earmarks(donor.Eligibility)}), so {_say.Money(left)} of this tranche cannot be committed.",
            };

        var cells = eligible.SelectMany(l => Enumerable.Range(tranche.From, tranche.Until - tranche.From + 1)
            .Where(t => _p.Lines[l].LeadTime <= _p.Periods - 1 - t).Select(t => (l, t))).ToList();
        if (cells.Count == 0)
        {
            var fastest = eligible.MinBy(l => _p.Lines[l].LeadTime);
            var lead = _p.Lines[fastest].LeadTime;
            return new Reason
            {
                Code = "window-too-late",
                Message = $"Its window ({window}) closes too late for any eligible line to deliver within the horizon: the fastest, " +
                    $"{_request.Lines[fastest].Id}, needs {Wording.Count(lead, "period")}, so money for it must be committed by {_say.Period(_p.Periods - 1 - lead)}. " +
                    $"{_say.Money(left)} stays unallocated.",
            };
        }

        var withCapacity = cells.Where(x => Capacity(x.l, x.t) > 0).ToList();
        var spare = withCapacity.Where(x => Spare(x.l, x.t + _p.Lines[x.l].LeadTime) > 0).ToList();
        if (spare.Count == 0)
        {
            var total = withCapacity.Sum(x => Capacity(x.l, x.t));
            var lines = withCapacity.Select(x => x.l).Distinct().Count();
            return new Reason
            {
                Code = "capacity-exhausted",
                Message = withCapacity.Count == 0
                    ? $"The {Wording.Count(eligible.Count, "eligible line")} {(eligible.Count == 1 ? "has" : "have")} no capacity that money committed in {window} could buy. {_say.Money(left)} stays unallocated."
                    : $"Every eligible line is fully booked: the {Wording.Count(total, "unit")} that {Wording.Count(lines, "eligible line")} can deliver from money committed in {window} are all funded. {_say.Money(left)} stays unallocated.",
            };
        }

        var wanted = spare.Where(x => Wanted(_p.Lines[x.l].Category, x.t + _p.Lines[x.l].LeadTime)).ToList();
        if (LotReason(left, wanted) is { } lots) return lots;
        if (Share is { } m && wanted.Count > 0 && wanted.All(x => AtShareCap(_p.Lines[x.l].Producer)))
        {
            var producers = wanted.Select(x => _p.Lines[x.l].Producer).Distinct().Select(q => _producerNames[q]);
            return new Reason
            {
                Code = "producer-share-cap",
                Message = $"The eligible lines that could still deliver something needed belong to producers already at the {Wording.Percent(m)} share cap " +
                    $"({Wording.List(producers)}). {_say.Money(left)} stays unallocated.",
            };
        }

        var freeUnits = spare.Sum(x => Spare(x.l, x.t + _p.Lines[x.l].LeadTime));
        var categories = spare.Select(x => _p.Lines[x.l].Category).Distinct().Select(c => _categoryNames[c]);
        var rate = value is { } v ? v.Value * Sc.Value / Sc.Money * 1e6 : 0;
        return new Reason
        {
            Code = "nothing-of-value",
            Message = $"Its eligible lines could still make {Wording.Count(freeUnits, "more unit")}, but nothing left is worth buying: the needs for {Wording.List(categories)} " +
                $"are covered, paid from other money, or those deliveries would come too late to count. " +
                (rate > 0 ? $"One more million here would add {Wording.Number(rate)} value." : "One more million here adds no value.") +
                $" {_say.Money(left)} stays unallocated.",
        };
    }

    private static string Earmarks(Eligibility? e)
    {
        if (e is null) return "none";
        var parts = new List<string>();
        if (e.Categories is { Count: > 0 } c) parts.Add($"categories {string.Join(", ", c)}");
        if (e.Countries is { Count: > 0 } k) parts.Add($"countries {string.Join(", ", k)}");
        if (e.Producers is { Count: > 0 } p) parts.Add($"producers {string.Join(", ", p)}");
        if (e.ExcludedProducers is { Count: > 0 } x) parts.Add($"never {string.Join(", ", x)}");
        return parts.Count > 0 ? string.Join("; ", parts) : "none";
    }

    // Lines ---------------------------------------------------------------------------------------------------------

    private LineExplanation Line(int l)
    {
        var line = _p.Lines[l];
        var capacity = line.Capacity.Sum();
        var funded = _funded[l].Sum();
        var unfunded = Math.Max(0, capacity - funded);
        var values = new List<PeriodValue>();
        for (var s = line.LeadTime; s < _p.Periods; s++)
        {
            var t = s - line.LeadTime;
            if (_map.UnitColumn(l, t) < 0) continue;
            var staged = Probed && _report!.Capacities.TryGetValue((l, t), out var found) ? found : StagedValue.Zero;
            var binds = line.Capacity[s] > 0 && Spare(l, s) <= 0;
            if (!binds && staged.Stage < 0) continue;
            values.Add(new PeriodValue
            {
                Period = s,
                Value = Figures.Round(staged.Value * Sc.Value / Sc.Units[line.Category]),
                Derivative = Kind(staged),
                Tier = Tier(staged),
            });
        }
        double? breakEven = null;
        Reason? reason = null;
        if (unfunded > Negligible * capacity)
            (reason, breakEven) = LineReason(l, unfunded);
        return new LineExplanation
        {
            Line = _request.Lines[l].Id,
            UnfundedUnits = Figures.Round(unfunded),
            CapacityValue = values,
            BreakEvenUnitCost = breakEven is { } x ? Figures.Round(x) : null,
            Reason = reason,
        };
    }

    private (Reason, double?) LineReason(int l, double unfunded)
    {
        var line = _p.Lines[l];
        var id = _request.Lines[l].Id;
        var category = _categoryNames[line.Category];
        var needs = _needsOf.Value[line.Category];
        if (needs.Count == 0)
            return (new Reason { Code = "no-need", Message = $"No need asks for {category}, so none of its {Wording.Count(unfunded, "unit")} of capacity is worth buying." }, null);
        if (_p.EligibleDonors[l].Length == 0)
        {
            var spec = _request.Lines[l];
            return (new Reason
            {
                Code = "no-eligible-money",
                Message = $"No donor's earmarks allow it (producer {spec.Producer}, country {spec.Country}, category {category}), so its {Wording.Count(unfunded, "unit")} of capacity cannot be funded.",
            }, null);
        }

        var early = new List<int>();
        var closed = new List<int>();
        var open = new List<int>();
        for (var s = 0; s < _p.Periods; s++)
        {
            if (Spare(l, s) <= 0) continue;
            if (s < line.LeadTime) early.Add(s);
            else if (!_moneyOpen.Value[l][s - line.LeadTime]) closed.Add(s);
            else open.Add(s);
        }
        double Units(List<int> periods) => periods.Sum(s => Spare(l, s));
        if (open.Count == 0)
        {
            var earlyUnits = Units(early);
            var closedUnits = Units(closed);
            var tail = closedUnits > 0
                ? $" For the other {Wording.Count(closedUnits, "unit")} ({_say.Periods(closed)}) no eligible money is open when it would have to be committed."
                : "";
            return earlyUnits >= closedUnits
                ? (new Reason
                {
                    Code = "lead-time-too-long",
                    Message = $"Its lead time is {Wording.Count(line.LeadTime, "period")}: money committed in {_say.Period(0)} delivers in {_say.Period(line.LeadTime)} at the earliest, " +
                        $"so the {Wording.Count(earlyUnits, "unit")} it could make before then cannot be bought within the horizon.{tail}",
                }, null)
                : (new Reason
                {
                    Code = "no-eligible-money",
                    Message = $"No eligible money is open when its remaining {Wording.Count(closedUnits, "unit")} ({_say.Periods(closed)}) would have to be committed " +
                        $"({Wording.Count(line.LeadTime, "period")} before delivery)." +
                        (earlyUnits > 0 ? $" {Wording.Count(earlyUnits, "more unit")} {(Wording.Number(earlyUnits) == "1" ? "falls" : "fall")} before its lead time allows any delivery." : ""),
                }, null);
        }

        var openUnits = Units(open);
        if (Share is { } m && AtShareCap(line.Producer))
            return (new Reason
            {
                Code = "producer-share-cap",
                Message = $"Producer {_producerNames[line.Producer]} already receives {Wording.Percent(_producerMoney[line.Producer] / Math.Max(Committed, 1e-300))} of all committed money, " +
                    $"the {Wording.Percent(m)} cap, so its other {Wording.Count(openUnits, "unit")} ({_say.Periods(open)}) {(Wording.Number(openUnits) == "1" ? "stays" : "stay")} unfunded.",
            }, null);

        if (MinimumOrderReason(l, open, openUnits) is { } minimum) return (minimum, null);
        // With lots the duals are those of the LP with the lots fixed, which price no further lot: no break-even cost.
        if (_p.HasWholeUnits && OutcompetedInWholeLots(l, open, openUnits) is { } inLots) return (inLots, null);

        var breakEven = Probed && !_p.HasWholeUnits ? open.Max(s => BreakEven(l, s - line.LeadTime)) : 0;
        var cost = line.UnitCost;
        if (breakEven > 1e-9 * cost)
            return (new Reason
            {
                Code = "outcompeted",
                Message = breakEven >= cost * (1 - 1e-6)
                    ? $"Outcompeted at the margin: at {_say.Money(cost)} a unit it is exactly as good as the lines funded instead (it would be funded at a unit cost of at most {_say.Money(breakEven)}), " +
                      $"so {Wording.Count(openUnits, "unit")} of its capacity ({_say.Periods(open)}) {(Wording.Number(openUnits) == "1" ? "is" : "are")} left."
                    : $"Outcompeted: it would be funded at a unit cost of at most {_say.Money(breakEven)} (it costs {_say.Money(cost)}). " +
                      $"The money and the needs go to lines that give more value per euro; {Wording.Count(openUnits, "unit")} of its capacity ({_say.Periods(open)}) {(Wording.Number(openUnits) == "1" ? "is" : "are")} left.",
            }, breakEven);

        if (needs.All(n => open.All(s => _p.Needs[n].Freshness(s) <= 0)))
        {
            var first = open.Min();
            return (new Reason
            {
                Code = "lead-time-too-long",
                Message = $"Its deliveries, from {_say.Period(first)} on, come after every need for {category} has stopped counting " +
                    $"({Wording.List(needs.Select(n => $"{_request.Needs[n].Id} due by {_say.Period(_p.Needs[n].DueBy)}"))}); its lead time is {Wording.Count(line.LeadTime, "period")}.",
            }, Probed ? 0 : null);
        }
        return (new Reason
        {
            Code = "no-need",
            Message = $"The needs for {category} are already covered in the periods it could still deliver ({_say.Periods(open)}), or its units would arrive too late to count: " +
                $"its {Wording.Count(openUnits, "free unit")} {(Wording.Number(openUnits) == "1" ? "is" : "are")} not needed at any price.",
        }, Probed ? 0 : null);
    }

    // Needs ---------------------------------------------------------------------------------------------------------

    private NeedExplanation Need(int n)
    {
        var need = _p.Needs[n];
        var delivered = _delivered[n].Sum();
        var shortfall = Math.Max(0, need.Quantity - delivered);
        var value = Probed ? _report!.Needs[n] : (StagedValue?)null;
        return new NeedExplanation
        {
            Need = _request.Needs[n].Id,
            ShortfallUnits = Figures.Round(shortfall),
            MarginalValuePerUnit = value is { } v ? Figures.Round(v.Value * Sc.Value / need.Quantity) : null,
            Derivative = value is { } d ? Kind(d) : null,
            Tier = value is { } w ? Tier(w) : null,
            Reason = shortfall > Negligible * need.Quantity ? NeedReason(n, shortfall, delivered) : null,
        };
    }

    private Reason NeedReason(int n, double shortfall, double delivered)
    {
        var need = _p.Needs[n];
        var category = _categoryNames[need.Category];
        var lines = _map.LinesOfCategory(need.Category);
        if (lines.Count == 0)
            return new Reason { Code = "no-line", Message = $"No line makes {category}, so none of the {Wording.Count(need.Quantity, "unit")} can be delivered." };
        var fundable = lines.Where(l => _p.EligibleDonors[l].Length > 0).ToList();
        if (fundable.Count == 0)
            return new Reason
            {
                Code = "no-eligible-money",
                Message = $"None of the {Wording.Count(lines.Count, "line")} making {category} ({Wording.List(lines.Select(l => _request.Lines[l].Id))}) may be funded under any donor's earmarks.",
            };

        // Capacity that eligible money can buy and that arrives while the need still counts: one pass over the
        // category's open cells (OpenCells), line by line and period by period, as the sums were always taken.
        var scan = ScanCells(n, need);
        var (byDue, late) = (scan.ByDue, scan.Late);
        var wanted = $"{Wording.Number(need.Quantity)} {(Wording.Number(need.Quantity) == "1" ? "is" : "are")} wanted, {Wording.Number(delivered)} delivered";
        if (scan.Cells == 0)
            return new Reason
            {
                Code = "capacity-too-small-or-late",
                Message = $"No unit of {category} that eligible money can buy arrives by {_say.Period(need.DueBy)} or while late deliveries still count: " +
                    "the lines' lead times, capacities or the money's windows are too late.",
            };
        if (delivered >= (byDue + late) * (1 - 1e-6))
            return new Reason
            {
                Code = "capacity-too-small-or-late",
                Message = $"At most {Wording.Count(byDue, "unit")} could arrive by {_say.Period(need.DueBy)}" +
                    (late > 0 ? $" (and {Wording.Number(late)} more while late deliveries still count)" : "") +
                    $", from the {Wording.Count(scan.Lines, "line")} eligible money can fund; {wanted}.",
            };

        // It could have had more: what took the capacity, or the money?
        if (scan.Best is not { } best)
        {
            var periods = scan.Periods;
            var rivals = _needsOf.Value[need.Category]
                .Where(o => o != n && periods.Any(s => _delivered[o][s] > 0))
                .Select(o => (o, best: periods.Where(s => _delivered[o][s] > 0).Max(s => _p.Needs[o].UnitValue(s))))
                .OrderByDescending(x => x.best).ThenBy(x => x.o).ToList();
            var own = scan.Own;
            return new Reason
            {
                Code = "capacity-too-small-or-late",
                Message = $"All {Wording.Count(byDue + late, "unit")} of {category} that could reach it while it counts ({Wording.Number(byDue)} by {_say.Period(need.DueBy)}) are taken" +
                    (rivals.Count > 0
                        ? $" by {Wording.List(rivals.Select(x => $"{_request.Needs[x.o].Id} ({Wording.Number(x.best)} a unit)"))}, against its {Wording.Number(own)} a unit"
                        : "") +
                    $"; {wanted}.",
            };
        }

        // With slips (contract 1.1, section 4) a line's unit is worth its expected value; without, v(n, s) itself.
        var (cell, offer) = best;
        var t = cell.s - _p.Lines[cell.l].LeadTime;
        var pool = _map.PoolOfLine[cell.l];
        StageSnapshot? scarce = null;
        if (_report is { Complete: true } report)
            foreach (var stage in report.Stages.Where(x => x.Stage <= need.Stage))
                if (MoneyValuePerMillion(stage, pool, t) > offer * 1e-9) { scarce = stage; break; }
        if (scarce is { } st)
        {
            var earned = MoneyValuePerMillion(st, pool, t);
            var urgent = _p.HasTiers && st.Stage < need.Stage;
            return new Reason
            {
                Code = "money-to-more-valuable-needs",
                Message = $"The money that could pay for it went to {(urgent ? $"more urgent needs (tier {TierOfStage(st.Stage)})" : "more valuable needs")}: " +
                    $"the best it offers is {Wording.Number(offer)} value per million ({_request.Lines[cell.l].Id}, delivered in {_say.Period(cell.s)}), " +
                    (urgent || earned > offer * (1 + 1e-6)
                        ? $"while that money earns {Wording.Number(earned)} per million elsewhere" + (urgent ? "" : $", {Wording.Number(earned - offer)} more")
                        : $"and that money earns exactly as much elsewhere (a tie: plans that serve this need more are optimal too, and the optimiser chose one that commits less money or delivers others)") +
                    $"; {wanted}.",
            };
        }
        if (Share is { } m && AtShareCap(_p.Lines[cell.l].Producer))
            return new Reason
            {
                Code = "producer-share-cap",
                Message = $"Its best remaining supplier, {_request.Lines[cell.l].Id}, belongs to {_producerNames[_p.Lines[cell.l].Producer]}, already at the {Wording.Percent(m)} share cap; {wanted}.",
            };
        return new Reason
        {
            Code = "money-to-more-valuable-needs",
            Message = $"The money that could pay for it was worth more elsewhere: the best it offers is {Wording.Number(offer)} value per million " +
                $"({_request.Lines[cell.l].Id}, delivered in {_say.Period(cell.s)}); {wanted}.",
        };
    }

    /// <summary>What <see cref="NeedReason"/> needs of the cells that could serve a need (see <see cref="ScanCells"/>).</summary>
    /// <param name="Cells">How many there are.</param>
    /// <param name="ByDue">Their capacity by the need's due period.</param>
    /// <param name="Late">Their capacity after it.</param>
    /// <param name="Lines">How many lines they are on.</param>
    /// <param name="Periods">Their delivery periods.</param>
    /// <param name="Own">The most a unit of them is worth to the need.</param>
    /// <param name="Best">Of those with capacity left, the best value per million (first the later period, then the line, on ties); null when none has.</param>
    private sealed record CellScan(int Cells, double ByDue, double Late, int Lines, HashSet<int> Periods, double Own, ((int l, int s) Cell, double Offer)? Best);

    /// <summary>
    /// The cells (line, delivery period) that eligible money can buy and that arrive while need <paramref name="n"/>
    /// still counts, summed and searched in one pass: the category's lines in order, each line's periods ascending
    /// (the order the sums were always taken in), over the cells <see cref="OpenCells"/> computed once per category.
    /// It replaced a list of every line's every period per short need: 4.3 million cells per need on `wide`.
    /// </summary>
    private CellScan ScanCells(int n, NeedData need)
    {
        var (cells, byDue, late, lines, own) = (0, 0.0, 0.0, 0, double.NegativeInfinity);
        var periods = new HashSet<int>();
        ((int l, int s) Cell, double Offer)? best = null;
        var fresh = new Dictionary<int, bool[]>(); // per slip profile: does a delivery in s still count?
        foreach (var (l, open) in OpenCells(need.Category))
        {
            var line = _p.Lines[l];
            var slip = _p.SlipOf(l);
            if (!fresh.TryGetValue(slip, out var counts))
                fresh[slip] = counts = Enumerable.Range(0, _p.Periods).Select(s => _p.ExpectedFreshness(n, slip, s) > 0).ToArray();
            var any = false;
            foreach (var s in open)
            {
                if (!counts[s]) continue;
                any = true;
                cells++;
                if (s <= need.DueBy) byDue += line.Capacity[s];
                else late += line.Capacity[s];
                periods.Add(s);
                var value = _p.ExpectedUnitValue(n, slip, s);
                own = Math.Max(own, value);
                if (Spare(l, s) <= 0) continue;
                var offer = value * 1e6 / line.UnitCost;
                if (best is not { } b || offer > b.Offer || (offer == b.Offer && (s < b.Cell.s || (s == b.Cell.s && l < b.Cell.l))))
                    best = ((l, s), offer);
            }
            if (any) lines++;
        }
        return new CellScan(cells, byDue, late, lines, periods, own, best);
    }

    /// <summary>
    /// Category <paramref name="category"/>'s fundable lines, in <see cref="PooledMap.LinesOfCategory"/> order, each
    /// with the delivery periods, ascending, in which it has capacity and money may pay for it (computed once per category).
    /// </summary>
    private (int Line, int[] Periods)[] OpenCells(int category)
    {
        if (_openCells.TryGetValue(category, out var known)) return known;
        var cells = _map.LinesOfCategory(category).Where(l => _p.EligibleDonors[l].Length > 0)
            .Select(l => (l, Enumerable.Range(_p.Lines[l].LeadTime, Math.Max(0, _p.Periods - _p.Lines[l].LeadTime))
                .Where(s => _p.Lines[l].Capacity[s] > 0 && _moneyOpen.Value[l][s - _p.Lines[l].LeadTime]).ToArray()))
            .ToArray();
        _openCells[category] = cells;
        return cells;
    }

    // Plan helpers --------------------------------------------------------------------------------------------------

    /// <summary>Capacity of line <paramref name="l"/> bought with money committed in <paramref name="t"/>.</summary>
    private double Capacity(int l, int t) => _p.Lines[l].Capacity[t + _p.Lines[l].LeadTime];

    /// <summary>Capacity left in delivery period <paramref name="s"/>, 0 when within rounding of the capacity.</summary>
    private double Spare(int l, int s)
    {
        var capacity = _p.Lines[l].Capacity[s];
        var spare = capacity - _funded[l][s];
        return spare > Negligible * Math.Max(1, capacity) ? spare : 0;
    }

    /// <summary>Some need of category <paramref name="c"/> is short and still values a delivery in <paramref name="s"/>.</summary>
    private bool Wanted(int c, int s) => _wanted.Value[c][s];

    private bool AtShareCap(int producer) =>
        Share is { } m && Committed > 0 && _producerMoney[producer] >= m * Committed * (1 - 1e-6);
}
