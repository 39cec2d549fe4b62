using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>
/// The contract's definitions (rates, budgets, unit costs, windows, eligibility, unit values) written out once
/// for the test-side checker and oracle, straight from docs/spec, never from solver code, so that a solver bug
/// cannot hide behind a shared helper.
/// </summary>
internal sealed class SpecTerms(AllocationRequest request)
{
    public AllocationRequest Request { get; } = request;

    public int Periods => Request.Horizon.Periods;

    /// <summary>Value of one unit of <paramref name="code"/> in the base currency.</summary>
    public double Rate(string code) =>
        code == Request.BaseCurrency ? 1.0 : Request.ExchangeRates![code];

    /// <summary>B_k = amount * rate(currency).</summary>
    public double Budget(Tranche tranche) => tranche.Amount * Rate(tranche.Currency);

    /// <summary>c_l = unitCost * rate(currency).</summary>
    public double UnitCost(ProductionLine line) => line.UnitCost * Rate(line.Currency);

    public int From(Tranche tranche) => tranche.AvailableFrom ?? 0;

    public int Until(Tranche tranche) => tranche.ExpiresAfter ?? Periods - 1;

    /// <summary>
    /// Whether money may be committed to the line in period t: t + L &lt;= P-1, written without the addition
    /// so that a huge lead time cannot overflow.
    /// </summary>
    public bool DeliversInHorizon(ProductionLine line, int t) => t >= 0 && line.LeadTime <= Periods - 1 - t;

    /// <summary>The donor's earmarks: absent or empty list = no restriction; excluded producers never.</summary>
    public static bool Eligible(Donor donor, ProductionLine line)
    {
        var e = donor.Eligibility;
        if (e is null) return true;
        static bool Allows(IReadOnlyList<string>? list, string value) => list is null || list.Count == 0 || list.Contains(value);
        return Allows(e.Categories, line.Category)
            && Allows(e.Countries, line.Country)
            && Allows(e.Producers, line.Producer)
            && !(e.ExcludedProducers?.Contains(line.Producer) ?? false);
    }

    /// <summary>Whether x[k,l,t] exists in the spec's formulation.</summary>
    public bool MayFund(Donor donor, Tranche tranche, ProductionLine line, int t) =>
        Eligible(donor, line) && From(tranche) <= t && t <= Until(tranche) && DeliversInHorizon(line, t);

    /// <summary>v(n,s) = (priority/quantity) * f_n(s).</summary>
    public static double UnitValue(Need need, int s)
    {
        var decay = need.LateDecay ?? 0.25;
        var f = s <= need.DueBy ? 1.0 : Math.Max(0.0, 1.0 - decay * (s - need.DueBy));
        return need.Priority / need.Quantity * f;
    }

    /// <summary>
    /// Contract 1.1, section 4: <c>ev(l, n, s) = sum over d of p_d * v(n, s + d)</c>, with <c>v = 0</c> after the
    /// horizon; <c>v(n, s)</c> itself for a line without a slip.
    /// </summary>
    public double ExpectedUnitValue(ProductionLine line, Need need, int s)
    {
        if (line.Slip is not { } slip) return UnitValue(need, s);
        var sum = 0.0;
        for (var d = 0; d < slip.Count; d++)
            if (s + d <= Periods - 1)
                sum += slip[d] * UnitValue(need, s + d);
        return sum;
    }
}
