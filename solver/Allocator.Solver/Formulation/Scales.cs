using Allocator.Solver.Problem;

namespace Allocator.Solver.Formulation;

/// <summary>
/// Units of measure inside the LP. Money spans 1e2–1e10 and per-unit values 1e-4–10, which a simplex code's
/// absolute tolerances (about 1e-7 to 1e-9) cannot handle in raw units: small donors' money and cheap items'
/// values would fall below tolerance. So money is counted in <see cref="Money"/>s, each category's units in a
/// power of ten near its largest need or capacity, and needs as the fraction of their quantity covered, so
/// that value coefficients are priorities (not priority per unit). All scales are powers of ten: scaling then
/// changes no digit that matters, and the plan is converted back before anyone sees it.
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
        // Largest budget near 100–1000 LP units.
        var money = PowerOfTen(problem.Tranches.Select(k => k.Budget).DefaultIfEmpty(1).Max() / 100);
        var value = PowerOfTen(problem.Needs.Select(n => n.Priority).DefaultIfEmpty(1).Max());
        var units = new double[problem.CategoryCount];
        for (var c = 0; c < units.Length; c++)
        {
            var largest = problem.Needs.Where(n => n.Category == c).Select(n => n.Quantity)
                .Concat(problem.Lines.Where(l => l.Category == c).SelectMany(l => l.Capacity))
                .DefaultIfEmpty(1).Max();
            units[c] = PowerOfTen(largest);
        }
        return new Scales(money, value, units);
    }

    private static double PowerOfTen(double x) =>
        x > 0 && double.IsFinite(x) ? Math.Pow(10, Math.Floor(Math.Log10(x))) : 1;
}
