using Allocator.Solver.Lp;
using Allocator.Solver.Problem;

namespace Allocator.Solver.Formulation;

/// <summary>
/// Contract 1.1, section 1, for any formulation: for each line with a lot size or a minimum order and each commit
/// period in which it can be funded, one column <c>a[l,t]</c> and one row <c>U[l,t] / S_c = (step / S_c) a[l,t]</c>,
/// where <c>U[l,t]</c> is the units funded (the formulation's own columns) and <c>S_c</c> the category's scale.
/// <list type="bullet">
/// <item>With a lot size, <c>step</c> is the lot and <c>a</c> counts lots: integer in the MIP, semi-integer (0 or at
/// least <c>ceil(minimumOrder / lot)</c>) with a minimum order.</item>
/// <item>With only a minimum order, <c>step = S_c</c> and <c>a</c> is <c>U / S_c</c>: semi-continuous, 0 or at least
/// <c>minimumOrder / S_c</c>.</item>
/// </list>
/// In the LP relaxation <c>a</c> is continuous in <c>[0, cap / step]</c>, which the capacity already implies: the
/// relaxation's optimum is the optimum of the request without lots and minimum orders (the contract's
/// <c>relaxedValue</c>). A request without them gets no column and no row, hence the same LP as before.
/// </summary>
internal static class WholeUnitFormulation
{
    /// <summary>Relative slack when rounding <c>cap / lot</c> down and <c>minimum / lot</c> up, so that 3000 / 1000 stays 3.</summary>
    private const double Slack = 1e-12;

    /// <summary>
    /// Adds the columns and rows to <paramref name="model"/>. <paramref name="unitColumns"/> gives, for a line and commit
    /// period, the columns whose sum is <c>U[l,t] / S_c</c> (none where the line cannot be funded).
    /// </summary>
    public static void Add(LpModel model, AllocationProblem p, Scales scales, Func<int, int, IEnumerable<int>> unitColumns)
    {
        for (var l = 0; l < p.Lines.Length; l++)
        {
            var line = p.Lines[l];
            if (!line.HasWholeUnitRule) continue;
            var scale = scales.Units[line.Category];
            for (var t = 0; t < p.Periods; t++)
            {
                var columns = unitColumns(l, t).ToList();
                if (columns.Count == 0) continue;
                var capacity = line.Capacity[t + line.LeadTime];
                var step = line.LotSize ?? scale;
                var relaxedUpper = capacity / step;
                var count = model.AddColumn(0, relaxedUpper);
                var row = model.AddRow(0, 0);
                foreach (var c in columns) model.AddTerm(row, c, 1);
                model.AddTerm(row, count, -step / scale);

                var integer = line.LotSize is not null;
                var mipUpper = integer ? Math.Floor(relaxedUpper * (1 + Slack)) : relaxedUpper;
                var semiLower = line.MinimumOrder is { } minimum
                    ? integer ? Math.Ceiling(minimum / step * (1 - Slack)) : minimum / step
                    : 0;
                if (integer && semiLower <= 1) semiLower = 0; // at least one lot is what any non-zero whole number is
                // A minimum order above what the line can make in the period: the line cannot be funded then.
                if (semiLower > mipUpper) (semiLower, mipUpper) = (0, 0);
                model.MarkWholeUnits(new WholeUnitColumn(count, integer, semiLower, mipUpper));
            }
        }
    }
}
