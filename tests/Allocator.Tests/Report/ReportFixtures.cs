using Allocator.Models;
using Allocator.Scenarios;
using Allocator.Solver;

namespace Allocator.Tests.Report;

/// <summary>Requests and plans the report tests draw: the solved 2024 example and a synthetic L-size plan.</summary>
public static class ReportFixtures
{
    private static readonly Lazy<(AllocationRequest Request, AllocationResult Result)> Example2024 = new(() =>
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "ukraine-2024.json"));
        var outcome = AllocationEngine.Solve(bytes);
        Assert.NotNull(outcome.Result);
        return (AllocationEngine.Read(bytes).Request!, outcome.Result!);
    });

    private static readonly Lazy<(AllocationRequest Request, AllocationResult Result)> LargePlan = new(() =>
    {
        var request = ScenarioGenerator.Generate(ScenarioSize.Preset("L"), seed: 1);
        var plan = SyntheticPlan(request);
        return (request, plan.WithExplanations(SyntheticExplanations(request, plan)));
    });

    /// <summary>examples/ukraine-2024.json and its optimal plan.</summary>
    public static (AllocationRequest Request, AllocationResult Result) Ukraine2024 => Example2024.Value;

    /// <summary>
    /// The generator's L preset (60 donors, 2,000 lines, 36 periods, 400 needs) with a plan made up without
    /// solving (solving L takes a while): a consistent plan of the same size and spread as a real one, with
    /// explanations of national-scale length (hundreds of reasons, see <see cref="SyntheticExplanations"/>).
    /// </summary>
    public static (AllocationRequest Request, AllocationResult Result) LargeL => LargePlan.Value;

    /// <summary>
    /// A plan that is consistent with <paramref name="request"/> (ids, periods, money = units × unit cost, no need
    /// over-supplied, no donor over-spent) but not optimal: most lines deliver at capacity to the needs of their
    /// category in turn, paid by donors in turn.
    /// </summary>
    public static AllocationResult SyntheticPlan(AllocationRequest request)
    {
        double Rate(string currency) => currency == request.BaseCurrency ? 1 : request.ExchangeRates![currency];
        var p = request.Horizon.Periods;
        var allocations = new List<AllocationRow>();
        var deliveries = new List<DeliveryRow>();
        var needsOf = request.Needs.Select((n, i) => (n, i)).GroupBy(x => x.n.Category)
            .ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray());
        var available = request.Donors.Select(d => d.Tranches.Sum(t => t.Amount * Rate(t.Currency))).ToArray();
        var committed = new double[request.Donors.Count];
        var delivered = new double[request.Needs.Count];
        var onTime = new double[request.Needs.Count];
        var needValue = new double[request.Needs.Count];
        var lineRows = new List<LineRow>();
        for (var l = 0; l < request.Lines.Count; l++)
        {
            var line = request.Lines[l];
            double units = 0, money = 0;
            if (l % 7 != 6 && needsOf.TryGetValue(line.Category, out var candidates))
            {
                var cost = line.UnitCost * Rate(line.Currency);
                for (var t = 0; t + line.LeadTime < p; t++)
                {
                    var s = t + line.LeadTime;
                    var n = candidates[(l + t) % candidates.Length];
                    var need = request.Needs[n];
                    var d = (l * 7 + t) % request.Donors.Count;
                    var u = Math.Floor(Math.Min(line.Capacity.At(s), Math.Min(need.Quantity - delivered[n], (available[d] - committed[d]) / cost)));
                    if (u <= 0) continue;
                    var amount = u * cost;
                    allocations.Add(new AllocationRow { Donor = request.Donors[d].Id, Tranche = 0, Line = line.Id, Period = t, DeliveryPeriod = s, Amount = amount, Units = u });
                    committed[d] += amount;
                    units += u;
                    money += amount;
                    var value = need.Priority / need.Quantity * u * (s <= need.DueBy ? 1 : 0.5);
                    deliveries.Add(new DeliveryRow { Line = line.Id, Need = need.Id, Period = s, Units = u, Value = value });
                    delivered[n] += u;
                    if (s <= need.DueBy) onTime[n] += u;
                    needValue[n] += value;
                }
            }
            lineRows.Add(new LineRow { Id = line.Id, FundedUnits = units, CapacityUnits = Enumerable.Range(0, p).Sum(s => line.Capacity.At(s)), Funding = money });
        }
        return new AllocationResult
        {
            Status = "optimal",
            BaseCurrency = request.BaseCurrency,
            Summary = new PlanSummary
            {
                Value = needValue.Sum(),
                MaxValue = request.Needs.Sum(n => n.Priority),
                Committed = committed.Sum(),
                Available = available.Sum(),
                Unallocated = available.Sum() - committed.Sum(),
            },
            Allocations = allocations,
            Deliveries = deliveries,
            Donors = request.Donors.Select((d, i) => new DonorRow { Id = d.Id, Available = available[i], Committed = committed[i], Unallocated = available[i] - committed[i] }).ToList(),
            Lines = lineRows,
            Needs = request.Needs.Select((n, i) => new NeedRow { Id = n.Id, DeliveredUnits = delivered[i], OnTimeUnits = onTime[i], ShortfallUnits = Math.Max(0, n.Quantity - delivered[i]), Value = needValue[i] }).ToList(),
            Diagnostics = new Diagnostics { Backend = "synthetic", Variables = 0, Constraints = 0, SolveSeconds = 0, InputSha256 = new string('0', 64) },
        };
    }

    /// <summary>
    /// Explanations shaped like the engine's for <paramref name="plan"/>, without solving: a marginal value for most
    /// tranches, a reason for every tranche with money left, every line with capacity left and every need short,
    /// capacity values for a third of the funded lines, a baseline at 80 % of the value, and a note.
    /// </summary>
    public static PlanExplanations SyntheticExplanations(AllocationRequest request, AllocationResult plan)
    {
        var p = request.Horizon.Periods;
        var tranches = new List<TrancheExplanation>();
        for (var d = 0; d < request.Donors.Count; d++)
        {
            var donor = request.Donors[d];
            for (var k = 0; k < donor.Tranches.Count; k++)
            {
                var left = k == 0 ? plan.Donors[d].Unallocated : 0;
                tranches.Add(new TrancheExplanation
                {
                    Donor = donor.Id, Tranche = k, Unallocated = left,
                    MarginalValuePerMillion = (d + k) % 5 == 4 ? 0 : 0.001 * (1 + (d * 13 + k * 7) % 97),
                    Derivative = (d + k) % 3 == 0 ? "right-derivative" : "dual",
                    Reason = left > 1 ? new Reason { Code = "nothing-of-value", Message = $"Its eligible lines are full in its window: {left:#,0} {request.BaseCurrency} of tranche {k} stays unallocated." } : null,
                });
            }
        }
        var lines = request.Lines.Select((line, l) =>
        {
            var row = plan.Lines[l];
            var unfunded = Math.Max(0, row.CapacityUnits - row.FundedUnits);
            return new LineExplanation
            {
                Line = line.Id, UnfundedUnits = unfunded,
                CapacityValue = row.FundedUnits > 0 && l % 3 == 0
                    ? Enumerable.Range(line.LeadTime, Math.Max(0, p - line.LeadTime)).Where(s => s % 4 != 1)
                        .Select(s => new PeriodValue { Period = s, Value = (1 + l % 17) * 1e-4 * (1 + s % 5), Derivative = "dual" }).ToList()
                    : [],
                BreakEvenUnitCost = unfunded > 0 ? line.UnitCost * 0.8 : null,
                Reason = unfunded > 0 ? new Reason
                {
                    Code = l % 7 == 6 ? "no-need" : "outcompeted",
                    Message = $"Outcompeted: it would be funded at a unit cost of at most {line.UnitCost * 0.8:#,0} (it costs {line.UnitCost:#,0}); {unfunded:#,0} units of its capacity are left.",
                } : null,
            };
        }).ToList();
        var needs = request.Needs.Select((need, n) => new NeedExplanation
        {
            Need = need.Id, ShortfallUnits = plan.Needs[n].ShortfallUnits,
            MarginalValuePerUnit = plan.Needs[n].ShortfallUnits > 0 ? 0 : need.Priority / need.Quantity, Derivative = "dual",
            Reason = plan.Needs[n].ShortfallUnits > 0 ? new Reason
            {
                Code = "money-to-more-valuable-needs",
                Message = $"The money that could pay for it went to more valuable needs; {need.Quantity:#,0} are wanted, {plan.Needs[n].DeliveredUnits:#,0} delivered.",
            } : null,
        }).ToList();
        return new PlanExplanations
        {
            MarginalValueBasis = "right-derivative (synthetic test data)",
            Notes = ["Re-solves were skipped: the request is large (synthetic note)."],
            Tranches = tranches, Lines = lines, Needs = needs,
            Baseline = new BaselineComparison
            {
                Value = plan.Summary.Value * 0.8, Committed = plan.Summary.Committed * 0.9, GainPercent = 25,
                Method = "needs one at a time, highest value per unit first (synthetic)",
            },
        };
    }
}
