namespace Allocator.Models;

/// <summary>The plan, contract version 1. All money is in <see cref="BaseCurrency"/>.</summary>
public sealed class AllocationResult
{
    /// <summary>Always <c>"1"</c>.</summary>
    public string SchemaVersion { get; init; } = "1";

    /// <summary>
    /// Extension, HTTP service only: the id of the stored allocation (docs/service.md). Absent from the engine's and
    /// the CLI's results; declared here so that a client reading the service's results with these types accepts it.
    /// </summary>
    public string? AllocationId { get; init; }

    /// <summary><c>optimal</c>, <c>feasible</c> (a time limit stopped the solver; the plan is valid) or <c>not_solved</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the status is not <c>optimal</c>; absent otherwise.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// Extension: names in the request that match nothing (a need's category no line makes, an earmark naming a
    /// category, country or producer no line has; see <see cref="RequestWarnings"/>); absent when there are none.
    /// </summary>
    public IReadOnlyList<InputWarning>? Warnings { get; init; }

    /// <summary>Currency of every amount.</summary>
    public required string BaseCurrency { get; init; }

    /// <summary>Totals.</summary>
    public required PlanSummary Summary { get; init; }

    /// <summary>One row per tranche, line and commitment period that received money.</summary>
    public required IReadOnlyList<AllocationRow> Allocations { get; init; }

    /// <summary>One row per line, need and delivery period with units delivered.</summary>
    public required IReadOnlyList<DeliveryRow> Deliveries { get; init; }

    /// <summary>One row per donor, in input order.</summary>
    public required IReadOnlyList<DonorRow> Donors { get; init; }

    /// <summary>One row per line, in input order.</summary>
    public required IReadOnlyList<LineRow> Lines { get; init; }

    /// <summary>One row per need, in input order.</summary>
    public required IReadOnlyList<NeedRow> Needs { get; init; }

    /// <summary>How the plan was computed.</summary>
    public required Diagnostics Diagnostics { get; init; }

    /// <summary>Extension: marginal values, reasons and the gain over a hand-made plan; absent when not asked for.</summary>
    public PlanExplanations? Explanations { get; init; }

    /// <summary>Contract 1.1: money kept from the previous plan and its rows that were dropped; only with a previous plan.</summary>
    public Revision? Revision { get; init; }

    /// <summary>This result with <paramref name="warnings"/> in place of its own (none when empty; every other member shared).</summary>
    public AllocationResult WithWarnings(IReadOnlyList<InputWarning> warnings) => Copy(warnings.Count == 0 ? null : warnings, Explanations);

    /// <summary>This result with <paramref name="explanations"/> in place of its own (every other member shared).</summary>
    public AllocationResult WithExplanations(PlanExplanations? explanations) => Copy(Warnings, explanations);

    /// <summary>The one member-by-member copy, so that a member added later cannot be forgotten in one of the With methods.</summary>
    private AllocationResult Copy(IReadOnlyList<InputWarning>? warnings, PlanExplanations? explanations) => new()
    {
        SchemaVersion = SchemaVersion,
        AllocationId = AllocationId,
        Status = Status,
        Message = Message,
        Warnings = warnings,
        BaseCurrency = BaseCurrency,
        Summary = Summary,
        Allocations = Allocations,
        Deliveries = Deliveries,
        Donors = Donors,
        Lines = Lines,
        Needs = Needs,
        Diagnostics = Diagnostics,
        Explanations = explanations,
        Revision = Revision,
    };
}

/// <summary>Plan totals.</summary>
public sealed class PlanSummary
{
    /// <summary>Urgency-weighted value delivered, <c>V</c>.</summary>
    public required double Value { get; init; }

    /// <summary>Sum of all priorities: the value of covering every need on time.</summary>
    public required double MaxValue { get; init; }

    /// <summary>Money committed, <c>C</c>.</summary>
    public required double Committed { get; init; }

    /// <summary>Money pledged in all tranches.</summary>
    public required double Available { get; init; }

    /// <summary><c>Available - Committed</c>.</summary>
    public required double Unallocated { get; init; }

    /// <summary>Contract 1.1: the change <c>D = sum |x - p|</c> from the previous plan; only with a previous plan.</summary>
    public double? Change { get; init; }

    /// <summary>
    /// Contract 1.1, only when a line has <c>lotSize</c> or <c>minimumOrder</c>: the proven upper bound on the value of
    /// any plan in whole lots (the MIP's dual bound); <c>Value</c> is within <c>solver.mipGap</c> of it when optimal.
    /// </summary>
    public double? ValueBound { get; init; }

    /// <summary>
    /// Contract 1.1, only when a line has <c>lotSize</c> or <c>minimumOrder</c>: the optimal value of the same request
    /// without them; <c>RelaxedValue - Value</c> is what whole lots and minimum orders cost.
    /// </summary>
    public double? RelaxedValue { get; init; }
}

/// <summary>Money from one tranche committed to one line in one period.</summary>
public sealed class AllocationRow
{
    /// <summary>Donor id.</summary>
    public required string Donor { get; init; }

    /// <summary>0-based index of the tranche in the donor's list.</summary>
    public required int Tranche { get; init; }

    /// <summary>Line id.</summary>
    public required string Line { get; init; }

    /// <summary>Commitment period <c>t</c>.</summary>
    public required int Period { get; init; }

    /// <summary><c>t + leadTime</c>.</summary>
    public required int DeliveryPeriod { get; init; }

    /// <summary>Money in the base currency.</summary>
    public required double Amount { get; init; }

    /// <summary>Units this money buys.</summary>
    public required double Units { get; init; }

    /// <summary>Contract 1.1: the part of <see cref="Amount"/> that is a signed commitment; absent when 0.</summary>
    public double? Signed { get; init; }
}

/// <summary>Units from one line delivered to one need in one period.</summary>
public sealed class DeliveryRow
{
    /// <summary>Line id.</summary>
    public required string Line { get; init; }

    /// <summary>Need id.</summary>
    public required string Need { get; init; }

    /// <summary>Delivery period <c>s</c>.</summary>
    public required int Period { get; init; }

    /// <summary>Units delivered.</summary>
    public required double Units { get; init; }

    /// <summary>Value of these units, <c>v(n, s) * units</c>.</summary>
    public required double Value { get; init; }
}

/// <summary>What happened to one donor's money.</summary>
public sealed class DonorRow
{
    /// <summary>Donor id.</summary>
    public required string Id { get; init; }

    /// <summary>Money pledged, base currency.</summary>
    public required double Available { get; init; }

    /// <summary>Money committed.</summary>
    public required double Committed { get; init; }

    /// <summary>Money left.</summary>
    public required double Unallocated { get; init; }
}

/// <summary>What one line was funded for.</summary>
public sealed class LineRow
{
    /// <summary>Line id.</summary>
    public required string Id { get; init; }

    /// <summary>Units funded over the horizon.</summary>
    public required double FundedUnits { get; init; }

    /// <summary>Capacity summed over the horizon.</summary>
    public required double CapacityUnits { get; init; }

    /// <summary>Money committed to the line.</summary>
    public required double Funding { get; init; }
}

/// <summary>How well one need was covered.</summary>
public sealed class NeedRow
{
    /// <summary>Need id.</summary>
    public required string Id { get; init; }

    /// <summary>Units delivered over the horizon.</summary>
    public required double DeliveredUnits { get; init; }

    /// <summary>Units delivered by <c>dueBy</c>.</summary>
    public required double OnTimeUnits { get; init; }

    /// <summary><c>quantity - deliveredUnits</c>.</summary>
    public required double ShortfallUnits { get; init; }

    /// <summary>Value delivered to this need.</summary>
    public required double Value { get; init; }
}

/// <summary>How the plan was computed. Timings vary between runs; everything else is deterministic.</summary>
public sealed class Diagnostics
{
    /// <summary>LP backend used.</summary>
    public required string Backend { get; init; }

    /// <summary>Variables in the LP actually solved (after exact pooling).</summary>
    public required int Variables { get; init; }

    /// <summary>Constraints in the LP actually solved.</summary>
    public required int Constraints { get; init; }

    /// <summary>Wall-clock seconds spent in the LP backend (both stages).</summary>
    public required double SolveSeconds { get; init; }

    /// <summary>Extension: seconds of the first stage (maximise value).</summary>
    public double? ValueStageSeconds { get; init; }

    /// <summary>Extension: seconds of the second stage (minimise money at optimal value).</summary>
    public double? MoneyStageSeconds { get; init; }

    /// <summary>Extension: seconds spent on the explanations (re-solves for marginal values, the hand-made baseline).</summary>
    public double? ExplainSeconds { get; set; }

    /// <summary>Extension: seconds from a validated request to the result (model build, solve, plan assembly, explanations).</summary>
    public double? TotalSeconds { get; set; }

    /// <summary>SHA-256 of the request bytes (or of its canonical JSON when built in code), lower-case hex.</summary>
    public required string InputSha256 { get; init; }

    /// <summary>Allocator version that produced the plan.</summary>
    public string? EngineVersion { get; init; }

    /// <summary>
    /// Extension: how the plan was reached, one entry per stage and per recovery step, such as
    /// "value: highs, dual simplex" or "money: highs, primal simplex failed numerically; recovered by interior point".
    /// </summary>
    public IReadOnlyList<string>? SolvePath { get; set; }

    /// <summary>Extension: the plan's certificate (constraints and optimality checked in the contract's units).</summary>
    public Certificate? Certificate { get; set; }

    /// <summary>
    /// Contract 1.1, only when a line has <c>lotSize</c> or <c>minimumOrder</c>: the relative gap reached between the
    /// plan's value and <see cref="PlanSummary.ValueBound"/>, <c>(valueBound - value) / max(1, valueBound)</c>.
    /// </summary>
    public double? MipGap { get; set; }
}
