using Allocator.Solver.Problem;

namespace Allocator.Solver.Formulation;

/// <summary>
/// Units of measure inside the LP. Money spans 1e2–1e10 (more in won or rupiah) and per-unit values 1e-4–10, which a
/// simplex code's absolute tolerances (about 1e-7 to 1e-9) cannot handle in raw units: small donors' money and cheap
/// items' values would fall below tolerance. So money is counted in <see cref="Money"/>s (a hundredth of the largest
/// budget), each category's units in its largest need or capacity, value in the largest priority, and needs as the
/// fraction of their quantity covered. Each scale is exactly proportional to the request's own numbers, so a request
/// re-expressed in another currency or counted in lots of 1,000 gives the same LP (to the canonical rounding of
/// <see cref="Lp.LpModel"/>), hence the same plan: the engine does not care what a planner's money or units are.
/// </summary>
internal sealed class Scales
{
    private Scales(double money, double value, double[] units)
    {
        Money = money;
        Value = value;
        Units = units;
    }

    /// <summary>Base-currency amount of one LP money unit.</summary>
    public double Money { get; }

    /// <summary>Value of one LP value unit.</summary>
    public double Value { get; }

    /// <summary>Units of each category in one LP unit.</summary>
    public double[] Units { get; }

    public static Scales For(AllocationProblem problem)
    {
        // Largest budget 100 LP units.
        var money = Positive(problem.Tranches.Select(k => k.Budget).DefaultIfEmpty(1).Max() / 100);
        var value = Positive(problem.Needs.Select(n => n.Priority).DefaultIfEmpty(1).Max());
        var units = new double[problem.CategoryCount];
        for (var c = 0; c < units.Length; c++)
        {
            var largest = problem.Needs.Where(n => n.Category == c).Select(n => n.Quantity)
                .Concat(problem.Lines.Where(l => l.Category == c).SelectMany(l => l.Capacity))
                .DefaultIfEmpty(1).Max();
            units[c] = Positive(largest);
        }
        return new Scales(money, value, units);
    }

    private static double Positive(double x) => x > 0 && double.IsFinite(x) ? x : 1;
}
