namespace Allocator.Models;

/// <summary>
/// Extension of the result: why the plan is what it is. Marginal values of money, capacity and need sizes (from the
/// LP's duals, checked by re-solves), a reason in the planner's words for every euro left unallocated, every unit of
/// capacity left unfunded and every unit of need left short, and the gain over a careful hand-made plan
/// (docs/explanations.md). Every list follows input order.
/// </summary>
public sealed class PlanExplanations
{
    /// <summary>Which derivative the marginal values are: the value of adding (the right-derivative), and how it was obtained.</summary>
    public required string MarginalValueBasis { get; init; }

    /// <summary>Anything the explanations could not do fully (for example re-solves skipped on very large requests); absent when none.</summary>
    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>One row per tranche, in input order (donors, then each donor's tranches).</summary>
    public required IReadOnlyList<TrancheExplanation> Tranches { get; init; }

    /// <summary>One row per line, in input order.</summary>
    public required IReadOnlyList<LineExplanation> Lines { get; init; }

    /// <summary>One row per need, in input order.</summary>
    public required IReadOnlyList<NeedExplanation> Needs { get; init; }

    /// <summary>The plan a careful planner would make by hand, and how much better the optimised plan is.</summary>
    public required BaselineComparison Baseline { get; init; }
}

/// <summary>What one more million of a tranche's money would be worth, and why any of it is left.</summary>
public sealed class TrancheExplanation
{
    /// <summary>Donor id.</summary>
    public required string Donor { get; init; }

    /// <summary>0-based index of the tranche in the donor's list.</summary>
    public required int Tranche { get; init; }

    /// <summary>Money of the tranche the plan leaves uncommitted, base currency.</summary>
    public required double Unallocated { get; init; }

    /// <summary>
    /// Value <c>V</c> gained per additional 1,000,000 of base currency in this tranche (the right-derivative: the value of
    /// adding money); absent when the LP could not be probed. With urgency tiers, the gain in <see cref="Tier"/>'s value.
    /// </summary>
    public double? MarginalValuePerMillion { get; init; }

    /// <summary><c>dual</c> (the LP's dual, unique or confirmed by a re-solve) or <c>right-derivative</c> (the dual was not unique; a re-solve measured the value of adding).</summary>
    public string? Derivative { get; init; }

    /// <summary>With urgency tiers: the most urgent tier whose value the money would raise; absent when none or without tiers.</summary>
    public int? Tier { get; init; }

    /// <summary>Why money is left, when some is.</summary>
    public Reason? Reason { get; init; }
}

/// <summary>What more capacity on a line would be worth, and why any of its capacity is left unfunded.</summary>
public sealed class LineExplanation
{
    /// <summary>Line id.</summary>
    public required string Line { get; init; }

    /// <summary>Capacity over the horizon that the plan does not fund (<c>capacityUnits - fundedUnits</c>).</summary>
    public required double UnfundedUnits { get; init; }

    /// <summary>For each delivery period in which the line's capacity binds: the value of one more unit of capacity there.</summary>
    public required IReadOnlyList<PeriodValue> CapacityValue { get; init; }

    /// <summary>For a line left with free capacity: the highest unit cost (base currency) at which the optimiser would fund more of it.</summary>
    public double? BreakEvenUnitCost { get; init; }

    /// <summary>Why capacity is left unfunded, when some is.</summary>
    public Reason? Reason { get; init; }
}

/// <summary>A marginal value in one period.</summary>
public sealed class PeriodValue
{
    /// <summary>Delivery period.</summary>
    public required int Period { get; init; }

    /// <summary>Value <c>V</c> gained per additional unit.</summary>
    public required double Value { get; init; }

    /// <summary><c>dual</c> or <c>right-derivative</c>, as for tranches.</summary>
    public required string Derivative { get; init; }

    /// <summary>With urgency tiers: the tier whose value the unit would raise.</summary>
    public int? Tier { get; init; }
}

/// <summary>What one more unit of a need would be worth, and why any of it is short.</summary>
public sealed class NeedExplanation
{
    /// <summary>Need id.</summary>
    public required string Need { get; init; }

    /// <summary>Units of the need not delivered.</summary>
    public required double ShortfallUnits { get; init; }

    /// <summary>
    /// Value <c>V</c> gained if the need were one unit larger at the same value per unit (0 when it is short: more of it
    /// is not the bottleneck); absent when the LP could not be probed.
    /// </summary>
    public double? MarginalValuePerUnit { get; init; }

    /// <summary><c>dual</c> or <c>right-derivative</c>, as for tranches.</summary>
    public string? Derivative { get; init; }

    /// <summary>With urgency tiers: the tier whose value it would raise.</summary>
    public int? Tier { get; init; }

    /// <summary>Why the need is short, when it is.</summary>
    public Reason? Reason { get; init; }
}

/// <summary>A reason as a stable code (for tools) and a sentence with numbers (for people).</summary>
public sealed class Reason
{
    /// <summary>Stable code, for example <c>capacity-exhausted</c> (docs/explanations.md lists them).</summary>
    public required string Code { get; init; }

    /// <summary>The reason in the planner's words.</summary>
    public required string Message { get; init; }
}

/// <summary>The careful hand-made plan (docs/explanations.md describes it), computed in the same run.</summary>
public sealed class BaselineComparison
{
    /// <summary>Value <c>V</c> of the hand-made plan.</summary>
    public required double Value { get; init; }

    /// <summary>Money the hand-made plan commits, base currency.</summary>
    public required double Committed { get; init; }

    /// <summary>How much more value the optimised plan delivers, in percent of the hand-made plan's; absent when that is 0.</summary>
    public double? GainPercent { get; init; }

    /// <summary>The rule the hand-made plan follows, in one sentence.</summary>
    public required string Method { get; init; }
}
