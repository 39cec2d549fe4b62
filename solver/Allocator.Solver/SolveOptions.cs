namespace Allocator.Solver;

/// <summary>Per-call settings for <c>AllocationEngine.Solve</c>; each overrides the request's <c>solver</c> section.</summary>
public sealed record SolveOptions
{
    /// <summary>LP backend (<c>glop</c>, <c>pdlp</c>, <c>highs</c>, <c>clp</c>); null uses the request's or the default.</summary>
    public string? Backend { get; init; }

    /// <summary>Wall-clock limit in seconds; null uses the request's, or none.</summary>
    public double? TimeLimitSeconds { get; init; }

    /// <summary>SHA-256 of the request's bytes as received, reported in diagnostics; null hashes the request's canonical JSON.</summary>
    public string? InputSha256 { get; init; }

    /// <summary>
    /// How much of <c>explanations</c> to add to the result: marginal values of money, capacity and needs, a reason for
    /// money left, capacity left and needs short, and the gain over a hand-made plan. <see cref="ExplainLevel.Auto"/>
    /// (the default) chooses by the LP's size so that explanations cost little time; see docs/explanations.md.
    /// </summary>
    public ExplainLevel Explain { get; init; } = ExplainLevel.Auto;

    /// <summary>Largest request document accepted, in bytes; null uses <c>ModelLimits.DefaultMaxRequestBytes</c> (64 MB).</summary>
    public long? MaxRequestBytes { get; init; }

    /// <summary>Largest LP accepted, in estimated variables; null uses <c>ModelLimits.DefaultMaxVariables</c> (5,000,000).</summary>
    public long? MaxVariables { get; init; }

    /// <summary>Largest LP accepted, in estimated non-zeros; null uses <c>ModelLimits.DefaultMaxNonZeros</c> (50,000,000).</summary>
    public long? MaxNonZeros { get; init; }

    /// <summary>Which exact LP formulation to build; the plain one exists for tests and benchmarks.</summary>
    internal FormulationKind Formulation { get; init; } = FormulationKind.Pooled;

    /// <summary>How many pools a pair of nodes must feed to become a money hub (<c>MoneyHubs.MinimumUse</c>); tests lower it to build hubs on small requests.</summary>
    internal int? HubMinimumUse { get; init; }
    /// <summary>Break the ties left by every earlier stage by <see cref="Formulation.TieRule"/> (the last stage); off only in tests that need the plan without it.</summary>
    internal bool? TieRule { get; init; }
}

/// <summary>The exact formulations of the contract's LP.</summary>
internal enum FormulationKind
{
    /// <summary>Pools interchangeable donors, lines and deliveries (the default; fast at national scale).</summary>
    Pooled,

    /// <summary>The spec's formulation variable by variable (small requests only).</summary>
    Plain,
}
