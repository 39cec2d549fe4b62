namespace Allocator.Solver.Problem;

/// <summary>
/// A validated request in the terms of the spec's mathematics: every amount in the base currency, defaults
/// applied, capacities expanded to one number per period, eligibility resolved to a donor × line table.
/// The formulations read only this, never the JSON-shaped request.
/// </summary>
internal sealed class AllocationProblem
{
    public required int Periods { get; init; }
    public required TrancheData[] Tranches { get; init; }
    public required LineData[] Lines { get; init; }
    public required NeedData[] Needs { get; init; }
    public required int DonorCount { get; init; }
    public required int ProducerCount { get; init; }
    public required int CategoryCount { get; init; }

    /// <summary><c>EligibleDonors[l]</c>: donors whose earmarks allow funding line <c>l</c>, ascending.</summary>
    public required int[][] EligibleDonors { get; init; }

    /// <summary>The producer-share cap <c>m</c>, or null when the policy is absent.</summary>
    public required double? MaxProducerShare { get; init; }

    /// <summary>
    /// Value stages of the lexicographic objective, most urgent first: the distinct urgency tiers in ascending
    /// order, then (when some needs have no tier) a last stage for them, labelled null. Without tiers there is one
    /// stage, labelled null, holding every need. <see cref="NeedData.Stage"/> indexes this list.
    /// </summary>
    public required int?[] StageTiers { get; init; }

    /// <summary>Number of value stages (1 without tiers).</summary>
    public int StageCount => StageTiers.Length;

    /// <summary>Contract 1.1: whether some line has a lot size or a minimum order, which makes the problem a MIP.</summary>
    // Computed once: the explanations ask it for every line (100,000 lines made it 45 s of quadratic scanning).
    public bool HasWholeUnits => _hasWholeUnits ??= Lines.Any(l => l.HasWholeUnitRule);
    private bool? _hasWholeUnits;

    /// <summary>Whether the request uses urgency tiers.</summary>
    public bool HasTiers => StageTiers.Any(t => t is not null);

    /// <summary>Contract 1.1: the current period; no new money before it (0 without <c>asOf</c>).</summary>
    public int AsOf { get; init; }

    /// <summary>Contract 1.1: signed money by tranche, line and period (rows naming the same cell added up); empty without commitments.</summary>
    public IReadOnlyDictionary<(int Tranche, int Line, int Period), double> Signed { get; init; } = new Dictionary<(int, int, int), double>();

    /// <summary>Contract 1.1: the previous plan (null without one): its rows that can still exist, and those dropped.</summary>
    public PreviousPlanData? Previous { get; init; }

    /// <summary>Signed money of tranche <paramref name="tranche"/> on line <paramref name="line"/> in period <paramref name="t"/> (0 when none).</summary>
    public double SignedAmount(int tranche, int line, int t) => Signed.GetValueOrDefault((tranche, line, t));

    public bool IsEligible(int tranche, int line) =>
        Array.BinarySearch(EligibleDonors[line], Tranches[tranche].Donor) >= 0;

    /// <summary>
    /// Contract 1.1, section 4: the distinct slip distributions of the lines, trailing zeros removed. Profile 0 is
    /// always <c>[1]</c> (on time), the profile of every line without a slip.
    /// </summary>
    public double[][] SlipProfiles { get; init; } = [[1.0]];

    /// <summary>Index in <see cref="SlipProfiles"/> of each line's slip, or null when no line may slip.</summary>
    public int[]? LineSlips { get; init; }

    /// <summary>Whether some line may deliver late (some profile other than <c>[1]</c>).</summary>
    public bool HasSlips => SlipProfiles.Length > 1;

    /// <summary>Slip profile of line <paramref name="line"/>.</summary>
    public int SlipOf(int line) => LineSlips?[line] ?? 0;

    /// <summary>
    /// <c>sum over d of p_d * f_n(s + d)</c>, with <c>f = 0</c> after the horizon: the expected share of need
    /// <paramref name="need"/>'s per-unit value that a unit due in <paramref name="s"/> on a line of slip profile
    /// <paramref name="profile"/> brings. Profile 0 gives <see cref="NeedData.Freshness"/> itself, bit for bit.
    /// </summary>
    public double ExpectedFreshness(int need, int profile, int s)
    {
        var n = Needs[need];
        if (profile == 0) return n.Freshness(s);
        var slip = SlipProfiles[profile];
        var sum = 0.0;
        for (var d = 0; d < slip.Length && d <= Periods - 1 - s; d++)
            sum += slip[d] * n.Freshness(s + d);
        return sum;
    }

    /// <summary>The spec's <c>ev(l, n, s)</c> for the lines of slip profile <paramref name="profile"/> (<c>v(n, s)</c> for profile 0).</summary>
    public double ExpectedUnitValue(int need, int profile, int s) =>
        profile == 0 ? Needs[need].UnitValue(s) : Needs[need].Priority / Needs[need].Quantity * ExpectedFreshness(need, profile, s);

    /// <summary>Money from tranche <paramref name="tranche"/> may be committed to <paramref name="line"/> in period <paramref name="t"/>.</summary>
    public bool CanCommit(int tranche, int line, int t)
    {
        var k = Tranches[tranche];
        return t >= k.From && t <= k.Until && Lines[line].LeadTime <= Periods - 1 - t && IsEligible(tranche, line);
    }
}

/// <param name="Donor">Index of the donor in the request.</param>
/// <param name="IndexInDonor">0-based index in the donor's tranches (the result's <c>tranche</c>).</param>
/// <param name="Budget"><c>B_k</c> in the base currency.</param>
/// <param name="From"><c>a_k</c>, first period of commitment.</param>
/// <param name="Until"><c>e_k</c>, last period of commitment.</param>
internal sealed record TrancheData(int Donor, int IndexInDonor, double Budget, int From, int Until);

/// <param name="Producer">Index of the line's producer.</param>
/// <param name="Category">Index of the line's category.</param>
/// <param name="UnitCost"><c>c_l</c> in the base currency.</param>
/// <param name="LeadTime"><c>L_l</c>.</param>
/// <param name="Capacity"><c>cap_l(s)</c> for every delivery period <c>s</c>.</param>
/// <param name="LotSize">Contract 1.1: units per lot, or null for any quantity.</param>
/// <param name="MinimumOrder">Contract 1.1: least units per commit period when funded, or null.</param>
internal sealed record LineData(int Producer, int Category, double UnitCost, int LeadTime, double[] Capacity,
    double? LotSize = null, double? MinimumOrder = null)
{
    /// <summary>Whether the line's funded units per commit period are restricted to whole lots or a minimum order.</summary>
    public bool HasWholeUnitRule => LotSize is not null || MinimumOrder is not null;
}

/// <param name="Category">Index of the need's category.</param>
/// <param name="Quantity">Units wanted.</param>
/// <param name="Priority">Value of covering the whole quantity on time.</param>
/// <param name="DueBy">Last on-time delivery period.</param>
/// <param name="LateDecay">Share of the per-unit value lost per period late (default applied).</param>
/// <param name="Stage">Index of the need's value stage in <see cref="AllocationProblem.StageTiers"/> (0 without tiers).</param>
internal sealed record NeedData(int Category, double Quantity, double Priority, int DueBy, double LateDecay, int Stage = 0)
{
    /// <summary><c>f_n(s)</c>: 1 up to <c>dueBy</c>, then falling by <c>lateDecay</c> a period, never below 0.</summary>
    public double Freshness(int s) => s <= DueBy ? 1.0 : Math.Max(0.0, 1.0 - LateDecay * (s - DueBy));

    /// <summary><c>v(n, s)</c>: value of one unit delivered in period <c>s</c>.</summary>
    public double UnitValue(int s) => Priority / Quantity * Freshness(s);
}
