namespace Allocator.Solver.Formulation;

/// <summary>Money from tranche <c>k</c> committed to line <c>l</c> in period <c>t</c>, base currency.</summary>
internal readonly record struct Commitment(int Tranche, int Line, int Period, double Amount);

/// <summary>
/// What a formulation reads off an LP solution, in the spec's terms: the money rows <c>x[k,l,t]</c>, and the
/// units each need receives in each period (deliveries are split over lines afterwards, by
/// <see cref="Results.PlanAssembler"/>, identically for every formulation). With slips (contract 1.1, section 4),
/// <see cref="NeedUnitsBySlip"/> also says which slip profile's lines must deliver them:
/// <c>NeedUnitsBySlip[profile][n][s]</c>, adding up to <see cref="NeedUnits"/>; null without slips.
/// </summary>
internal sealed record PlanDraft(IReadOnlyList<Commitment> Commitments, double[][] NeedUnits, double[][][]? NeedUnitsBySlip = null)
{
    /// <summary>The units need <c>n</c> gets in period <c>s</c> from lines of slip profile <paramref name="profile"/>.</summary>
    public double[][] NeedUnitsOf(int profile) => NeedUnitsBySlip?[profile] ?? NeedUnits;
}

/// <summary>An exact LP formulation of the contract: builds the model, then reads a plan off its solution.</summary>
internal interface IFormulation
{
    Lp.LpModel Model { get; }

    /// <summary>The units the model counts money, value and each category's units in.</summary>
    Scales Scales { get; }

    PlanDraft Extract(double[] primal);
}
