using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>
/// Writes the oracle's plan as a contract result, built straight from the Result section of the spec. Its use is
/// to test the checker and the oracle against each other: an exact optimal plan must pass every check.
/// </summary>
public static class OraclePlan
{
    public static AllocationResult ToResult(AllocationRequest request, OracleSolution solution)
    {
        var spec = new SpecTerms(request);
        var lines = request.Lines;
        var needs = request.Needs;
        var maxUnits = solution.Fundings.Select(f => f.Units).DefaultIfEmpty(0).Max();
        var fundings = solution.Fundings.Where(f => f.Units >= 1e-9 * maxUnits).ToList();
        var maxAmount = fundings.Select(f => f.Units * spec.UnitCost(lines[f.Line])).DefaultIfEmpty(0).Max();
        var allocations = fundings
            .Select(f => new AllocationRow
            {
                Donor = request.Donors[f.Donor].Id,
                Tranche = f.Tranche,
                Line = lines[f.Line].Id,
                Period = f.Period,
                DeliveryPeriod = f.Period + lines[f.Line].LeadTime,
                Amount = f.Units * spec.UnitCost(lines[f.Line]),
                Units = f.Units,
            })
            .Where(a => a.Amount >= 1e-9 * maxAmount)
            .ToList();
        var maxDelivered = solution.Deliveries.Select(y => y.Units).DefaultIfEmpty(0).Max();
        var deliveries = solution.Deliveries
            .Where(y => y.Units >= 1e-9 * maxDelivered)
            .Select(y => new DeliveryRow
            {
                Line = lines[y.Line].Id,
                Need = needs[y.Need].Id,
                Period = y.Period,
                Units = y.Units,
                Value = spec.ExpectedUnitValue(lines[y.Line], needs[y.Need], y.Period) * y.Units,
            })
            .ToList();

        var available = request.Donors.SelectMany(d => d.Tranches).Sum(spec.Budget);
        var committed = allocations.Sum(a => a.Amount);
        return new AllocationResult
        {
            Status = "optimal",
            BaseCurrency = request.BaseCurrency,
            Summary = new PlanSummary
            {
                Value = deliveries.Sum(y => y.Value),
                MaxValue = needs.Sum(n => n.Priority),
                Committed = committed,
                Available = available,
                Unallocated = available - committed,
            },
            Allocations = allocations,
            Deliveries = deliveries,
            Donors = request.Donors.Select(d =>
            {
                var pledged = d.Tranches.Sum(spec.Budget);
                var spent = allocations.Where(a => a.Donor == d.Id).Sum(a => a.Amount);
                return new DonorRow { Id = d.Id, Available = pledged, Committed = spent, Unallocated = pledged - spent };
            }).ToList(),
            Lines = lines.Select(l => new LineRow
            {
                Id = l.Id,
                FundedUnits = allocations.Where(a => a.Line == l.Id).Sum(a => a.Units),
                CapacityUnits = Enumerable.Range(0, spec.Periods).Sum(l.Capacity.At),
                Funding = allocations.Where(a => a.Line == l.Id).Sum(a => a.Amount),
            }).ToList(),
            Needs = needs.Select(n =>
            {
                var mine = deliveries.Where(y => y.Need == n.Id).ToList();
                var units = mine.Sum(y => y.Units);
                return new NeedRow
                {
                    Id = n.Id,
                    DeliveredUnits = units,
                    OnTimeUnits = mine.Where(y => y.Period <= n.DueBy).Sum(y => y.Units),
                    ShortfallUnits = n.Quantity - units,
                    Value = mine.Sum(y => y.Value),
                };
            }).ToList(),
            Diagnostics = new Diagnostics { Backend = "glpk-exact", Variables = 0, Constraints = 0, SolveSeconds = 0, InputSha256 = "" },
        };
    }
}
