namespace Allocator.Solver.Staging;

/// <summary>Contract 1.1: how far the search for whole lots may stop from the best plan.</summary>
/// <param name="Gap">The contract's <c>solver.mipGap</c>: relative, <c>(bound - value) &lt;= Gap * max(1, bound)</c> in the contract's value units.</param>
/// <param name="ValueScale">Contract value units per LP value unit (<see cref="Formulation.Scales.Value"/>), for the <c>max(1, ...)</c>.</param>
internal sealed record MipSettings(double Gap, double ValueScale)
{
    /// <summary>The absolute gap in LP value units that the contract's "1" in <c>max(1, bound)</c> allows.</summary>
    public double AbsoluteValueGap => Gap / ValueScale;

    /// <summary>The contract's gap between a found value and a bound, both in LP value units.</summary>
    public double GapOf(double value, double bound) =>
        Math.Max(0, bound - value) * ValueScale / Math.Max(1, Math.Abs(bound) * ValueScale);
}
