using Allocator.Models;

namespace Allocator.Solver.Explanations;

/// <summary>
/// Contract 1.1: the reasons that lots and minimum orders give (docs/explanations.md, "Reasons"): money left that can
/// buy no whole lot, and capacity left below a line's minimum order.
/// </summary>
internal sealed partial class ExplanationBuilder
{
    /// <summary>
    /// The least units line <paramref name="l"/> can add in commit period <paramref name="t"/>: a lot, or the minimum order
    /// (in whole lots) when the line is not funded then; 0 when any amount can be added.
    /// </summary>
    private double NextPurchase(int l, int t)
    {
        var line = _p.Lines[l];
        var funded = _funded[l][t + line.LeadTime];
        if (funded > Negligible * Math.Max(1, line.Capacity[t + line.LeadTime]))
            return line.LotSize ?? 0;
        var minimum = line.MinimumOrder ?? 0;
        return line.LotSize is { } lot ? Math.Max(lot, Math.Ceiling(minimum / lot * (1 - 1e-12)) * lot) : minimum;
    }

    /// <summary>
    /// <c>lot-does-not-fit</c>: every line the tranche could still buy something needed from sells only in lots or
    /// minimum orders that its money left cannot pay or the line's capacity left cannot make. Null otherwise.
    /// </summary>
    private Reason? LotReason(double left, IReadOnlyList<(int l, int t)> wanted)
    {
        if (wanted.Count == 0 || !wanted.All(x => _p.Lines[x.l].HasWholeUnitRule)) return null;
        var blocked = wanted.Select(x => (x.l, x.t, Units: NextPurchase(x.l, x.t), Spare: Spare(x.l, x.t + _p.Lines[x.l].LeadTime))).ToList();
        if (blocked.Any(x => x.Units <= 0 || (x.Units * _p.Lines[x.l].UnitCost <= left && x.Units <= x.Spare))) return null;
        var cheapest = blocked.MinBy(x => x.Units * _p.Lines[x.l].UnitCost);
        var id = _request.Lines[cheapest.l].Id;
        var cost = cheapest.Units * _p.Lines[cheapest.l].UnitCost;
        var detail = cheapest.Units > cheapest.Spare
            ? $"{id} sells no fewer than {Wording.Count(cheapest.Units, "unit")} but can make only {Wording.Number(cheapest.Spare)} more from money committed in {_say.Period(cheapest.t)}"
            : $"the cheapest, {Wording.Count(cheapest.Units, "unit")} on {id} committed in {_say.Period(cheapest.t)}, costs {_say.Money(cost)}; this tranche has {_say.Money(left)} left";
        return new Reason
        {
            Code = "lot-does-not-fit",
            Message = $"The lines it could still pay for something needed sell only in lots or minimum orders that do not fit: {detail}. {_say.Money(left)} stays unallocated.",
        };
    }

    /// <summary>
    /// <c>minimum-order-above-capacity</c>: in every period its money is open, the line's capacity left is below its next
    /// lot or minimum order. Null otherwise.
    /// </summary>
    private Reason? MinimumOrderReason(int l, IReadOnlyList<int> open, double openUnits)
    {
        var line = _p.Lines[l];
        if (!line.HasWholeUnitRule || open.Count == 0) return null;
        var next = open.Select(s => (s, Units: NextPurchase(l, s - line.LeadTime), Spare: Spare(l, s))).ToList();
        if (next.Any(x => x.Units <= 0 || x.Units <= x.Spare)) return null;
        var smallest = next.Min(x => x.Units);
        return new Reason
        {
            Code = "minimum-order-above-capacity",
            Message = $"It sells no fewer than {Wording.Count(smallest, "unit")} at a time ({(line.LotSize is { } lot ? $"lots of {Wording.Number(lot)}" : "lot size any")}" +
                $"{(line.MinimumOrder is { } m ? $", minimum order {Wording.Number(m)}" : "")}), more than the {Wording.Count(next.Max(x => x.Spare), "unit")} it has left in any period " +
                $"({_say.Periods([.. open])}), so {Wording.Count(openUnits, "unit")} {(Wording.Number(openUnits) == "1" ? "stays" : "stay")} unfunded.",
        };
    }

    /// <summary>
    /// <c>outcompeted</c> in whole lots: the line could still deliver to needs that are short, but the plan in whole lots
    /// spends the money that may pay it elsewhere. Without a break-even cost, which the fixed LP's duals cannot give.
    /// Null when no short need values its free capacity (then a structural reason applies).
    /// </summary>
    private Reason? OutcompetedInWholeLots(int l, IReadOnlyList<int> open, double openUnits)
    {
        var line = _p.Lines[l];
        var wanted = open.Where(s => Wanted(line.Category, s)).ToList();
        if (wanted.Count == 0) return null;
        var next = NextPurchase(l, wanted[0] - line.LeadTime);
        var step = next > 0 ? $" (its next purchase: {Wording.Count(next, "unit")} for {_say.Money(next * line.UnitCost)})" : "";
        return new Reason
        {
            Code = "outcompeted",
            Message = $"Outcompeted in whole lots: its {Wording.Count(openUnits, "free unit")} ({_say.Periods([.. open])}) could still serve needs that are short, " +
                $"but the best plan in whole lots spends the money that may pay it on other lines{step}. No break-even unit cost is given: with lots, prices are not marginal.",
        };
    }
}
