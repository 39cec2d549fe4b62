namespace Allocator.Models;

/// <summary>
/// What <c>allocator stress</c> writes (an extension, docs/contract.md "Stress-testing a plan"): a plan's deliveries
/// replayed under slips drawn from the request's <c>lines[].slip</c>, and the producers whose failure would cost most.
/// </summary>
public sealed class StressReport
{
    /// <summary>Number of sampled outcomes.</summary>
    public required int Samples { get; init; }

    /// <summary>Seed of the sampler: the same plan, request, samples and seed give the same report.</summary>
    public required long Seed { get; init; }

    /// <summary>The whole plan's value.</summary>
    public required ValueSpread Value { get; init; }

    /// <summary>One row per need of the request, in input order.</summary>
    public required IReadOnlyList<NeedStress> Needs { get; init; }

    /// <summary>Every producer that delivers something in the plan, the largest loss first.</summary>
    public required IReadOnlyList<ProducerExposure> Producers { get; init; }
}

/// <summary>A value under slips: exact figures, then the sampled mean and percentiles.</summary>
public sealed class ValueSpread
{
    /// <summary>The expected value, exact (contract 1.1, section 4: the result's value for these deliveries).</summary>
    public required double Expected { get; init; }

    /// <summary>The value if every unit arrived when due.</summary>
    public required double IfOnTime { get; init; }

    /// <summary>Mean over the samples (close to <see cref="Expected"/>).</summary>
    public required double Mean { get; init; }

    /// <summary>10th percentile over the samples: 9 outcomes in 10 are worth at least this.</summary>
    public required double P10 { get; init; }

    /// <summary>Median over the samples.</summary>
    public required double P50 { get; init; }

    /// <summary>90th percentile over the samples.</summary>
    public required double P90 { get; init; }
}

/// <summary>How one need fares when lines slip.</summary>
public sealed class NeedStress
{
    /// <summary>The need's id.</summary>
    public required string Id { get; init; }

    /// <summary>Units the plan delivers due by the need's <c>dueBy</c> (the result's <c>onTimeUnits</c>).</summary>
    public required double PlannedOnTimeUnits { get; init; }

    /// <summary>
    /// Probability that every unit the plan delivers on time does arrive by <c>dueBy</c>; null when the plan delivers
    /// nothing on time to this need.
    /// </summary>
    public double? OnTimeProbability { get; init; }

    /// <summary>Mean over the samples of the units arriving by <c>dueBy</c>.</summary>
    public required double MeanOnTimeUnits { get; init; }

    /// <summary>The need's value.</summary>
    public required ValueSpread Value { get; init; }
}

/// <summary>The expected value a plan loses if one producer delivers nothing at all.</summary>
public sealed class ProducerExposure
{
    /// <summary>The producer.</summary>
    public required string Producer { get; init; }

    /// <summary>Its lines that deliver in the plan, in input order.</summary>
    public required IReadOnlyList<string> Lines { get; init; }

    /// <summary>Expected value lost: the expected value of everything the producer's lines deliver in the plan.</summary>
    public required double Loss { get; init; }

    /// <summary><see cref="Loss"/> as a share of the plan's expected value.</summary>
    public required double LossShare { get; init; }

    /// <summary>The needs that would lose value, the largest loss first.</summary>
    public required IReadOnlyList<NeedLoss> Needs { get; init; }
}

/// <summary>The expected value one need loses.</summary>
public sealed class NeedLoss
{
    /// <summary>The need's id.</summary>
    public required string Id { get; init; }

    /// <summary>Expected value lost.</summary>
    public required double Loss { get; init; }
}
