namespace Allocator.Models;

/// <summary>
/// A planner's allocation request, contract version 1 (see docs/contract.md). Instances are produced by
/// <see cref="RequestReader"/>, which guarantees that required members are present and every value has the
/// right JSON type; <see cref="RequestValidator"/> checks the cross-field rules.
/// </summary>
public sealed class AllocationRequest
{
    /// <summary>Always <c>"1"</c> for this contract.</summary>
    public required string SchemaVersion { get; init; }

    /// <summary>Free text shown in reports.</summary>
    public string? Name { get; init; }

    /// <summary>Three-letter currency code in which every amount of the result is expressed.</summary>
    public required string BaseCurrency { get; init; }

    /// <summary>Value of one unit of each currency in the base currency. The base currency may be omitted (rate 1).</summary>
    public IReadOnlyDictionary<string, double>? ExchangeRates { get; init; }

    /// <summary>The planning horizon.</summary>
    public required Horizon Horizon { get; init; }

    /// <summary>Partners that pay, each with its tranches and earmarks.</summary>
    public required IReadOnlyList<Donor> Donors { get; init; }

    /// <summary>Production lines with non-contracted capacity.</summary>
    public required IReadOnlyList<ProductionLine> Lines { get; init; }

    /// <summary>What the armed forces need.</summary>
    public required IReadOnlyList<Need> Needs { get; init; }

    /// <summary>Optional portfolio rules.</summary>
    public Policy? Policy { get; init; }

    /// <summary>Optional choice of LP backend and time limit.</summary>
    public SolverSettings? Solver { get; init; }

    /// <summary>
    /// Contract 1.1: the current period (default 0). No money may be newly committed in a period before it; a
    /// commitment may lie there.
    /// </summary>
    public int? AsOf { get; init; }

    /// <summary>Contract 1.1: contracts already signed; the plan funds each row with at least its amount.</summary>
    public IReadOnlyList<SignedContract>? Commitments { get; init; }

    /// <summary>Contract 1.1: the plan published before; not binding, the plan changes it as little as it can.</summary>
    public PreviousPlan? PreviousPlan { get; init; }
}

/// <summary>The planning horizon: periods <c>0 .. Periods-1</c>.</summary>
public sealed class Horizon
{
    /// <summary>Number of periods <c>P</c> (at least 1).</summary>
    public required int Periods { get; init; }

    /// <summary>Label of period 0, for example <c>"2024-07"</c>; reports only.</summary>
    public string? Start { get; init; }

    /// <summary>Label of the period length, for example <c>"month"</c>; reports only.</summary>
    public string? Unit { get; init; }
}

/// <summary>A partner government or fund that pays producers directly.</summary>
public sealed class Donor
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public string? Name { get; init; }

    /// <summary>Pledged money, at least one tranche.</summary>
    public required IReadOnlyList<Tranche> Tranches { get; init; }

    /// <summary>Earmarks restricting which lines this donor's money may fund; absent means no restriction.</summary>
    public Eligibility? Eligibility { get; init; }
}

/// <summary>One pledge of money, committable in the periods <c>AvailableFrom .. ExpiresAfter</c>.</summary>
public sealed class Tranche
{
    /// <summary>Amount in <see cref="Currency"/>, greater than 0.</summary>
    public required double Amount { get; init; }

    /// <summary>Three-letter currency code.</summary>
    public required string Currency { get; init; }

    /// <summary>First period in which the money may be committed (default 0).</summary>
    public int? AvailableFrom { get; init; }

    /// <summary>Last period in which the money may be committed (default <c>P-1</c>).</summary>
    public int? ExpiresAfter { get; init; }
}

/// <summary>
/// A donor's earmarks. Each list, when present and non-empty, restricts the eligible lines by that attribute;
/// a line whose producer is in <see cref="ExcludedProducers"/> is never eligible.
/// </summary>
public sealed class Eligibility
{
    /// <summary>Allowed product categories.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Allowed producer countries.</summary>
    public IReadOnlyList<string>? Countries { get; init; }

    /// <summary>Allowed producers.</summary>
    public IReadOnlyList<string>? Producers { get; init; }

    /// <summary>Producers this donor never funds.</summary>
    public IReadOnlyList<string>? ExcludedProducers { get; init; }
}

/// <summary>A producer's production line with non-contracted capacity.</summary>
public sealed class ProductionLine
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>The producer that owns the line (used by earmarks and the producer-share cap).</summary>
    public required string Producer { get; init; }

    /// <summary>The producer's country, for country earmarks.</summary>
    public required string Country { get; init; }

    /// <summary>Product category; units of one category are interchangeable.</summary>
    public required string Category { get; init; }

    /// <summary>Product name; a label only.</summary>
    public string? Product { get; init; }

    /// <summary>Price of one unit in <see cref="Currency"/>, greater than 0.</summary>
    public required double UnitCost { get; init; }

    /// <summary>Three-letter currency code of <see cref="UnitCost"/>.</summary>
    public required string Currency { get; init; }

    /// <summary>Periods from funding to delivery (money committed in <c>t</c> delivers in <c>t + LeadTime</c>).</summary>
    public required int LeadTime { get; init; }

    /// <summary>Units the line can deliver per period: one number for every period, or one per period.</summary>
    public required Capacity Capacity { get; init; }

    /// <summary>
    /// Contract 1.1, section 4 (delivery risk): <c>[p0, p1, ..., pm]</c>, numbers of at least 0 that add up to 1: a unit
    /// due to arrive in period <c>s</c> arrives in <c>s + d</c> with probability <c>p_d</c>. The optimiser then maximises
    /// the expected value. Absent: <c>[1]</c>, always on time.
    /// </summary>
    public IReadOnlyList<double>? Slip { get; init; }

    /// <summary>
    /// Contract 1.1: in every commit period the units funded on the line are a whole number of lots of this many
    /// units (greater than 0; 1 means whole units). Absent: any quantity.
    /// </summary>
    public double? LotSize { get; init; }

    /// <summary>
    /// Contract 1.1: in every commit period the line is funded for no units or for at least this many (greater than 0).
    /// Absent: no minimum.
    /// </summary>
    public double? MinimumOrder { get; init; }
}

/// <summary>A need of the armed forces.</summary>
public sealed class Need
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>Category of the units that serve the need.</summary>
    public required string Category { get; init; }

    /// <summary>Units wanted, greater than 0.</summary>
    public required double Quantity { get; init; }

    /// <summary>Value of covering the whole quantity on time, greater than 0.</summary>
    public required double Priority { get; init; }

    /// <summary>Last period in which a delivery counts as on time.</summary>
    public required int DueBy { get; init; }

    /// <summary>Fraction of the per-unit value lost for each period of lateness (default 0.25).</summary>
    public double? LateDecay { get; init; }

    /// <summary>
    /// Extension: urgency tier, a whole number of at least 1 (1 = most urgent). When any need has a tier, the value
    /// is maximised tier by tier (tier 1 first, then the next without losing any tier-1 value, and so on), and needs
    /// without a tier form the last tier. Absent on every need: one value stage, as in contract v1.
    /// </summary>
    public int? Tier { get; init; }
}

/// <summary>Portfolio rules.</summary>
public sealed class Policy
{
    /// <summary>In (0, 1]: no producer receives more than this share of all committed money.</summary>
    public double? MaxProducerShare { get; init; }
}

/// <summary>Solver settings.</summary>
public sealed class SolverSettings
{
    /// <summary>LP backend name: <c>highs</c> (default), <c>glop</c>, <c>clp</c> or <c>pdlp</c>.</summary>
    public string? Backend { get; init; }

    /// <summary>Wall-clock limit for the solve, in seconds, greater than 0.</summary>
    public double? TimeLimitSeconds { get; init; }

    /// <summary>
    /// Extension: whether a last stage breaks the ties left between equally good plans by the documented tie rule
    /// (default true; docs/contract.md, "The tie rule"). <c>false</c> saves that solve (about 1.7 s at 82,000 columns).
    /// </summary>
    public bool? TieRule { get; init; }

    /// <summary>
    /// Contract 1.1: relative gap (0 or more) at which the search for whole lots may stop, for the value and then for
    /// the money; only used when a line has <c>lotSize</c> or <c>minimumOrder</c>. Default 1e-4; 0 asks for a proven optimum.
    /// </summary>
    public double? MipGap { get; init; }
}
