namespace Allocator.Solver.Staging;

/// <summary>
/// A number held as the unevaluated sum of two doubles, <c>Hi + Lo</c> with <c>|Lo| &lt;= ulp(Hi) / 2</c>: about 32
/// significant digits, enough that a sum of products of doubles is exact to far below any tolerance the staged
/// solve checks. <see cref="StageCheck"/> computes a bound with it when multipliers extended from the optimal face are
/// the sum of vectors scaled by up to 1e9 (docs/model.md, "The optimal face"): in doubles, the cancellation in
/// <c>c - A'y</c> alone left errors of 1e-7 per reduced cost, which the bound multiplied by each column's range.
/// The algorithms are Dekker's and Knuth's error-free transformations (TwoSum, TwoProd with a fused multiply-add).
/// </summary>
internal readonly record struct DoubleDouble(double Hi, double Lo)
{
    public static readonly DoubleDouble Zero = new(0, 0);

    public static implicit operator DoubleDouble(double value) => new(value, 0);

    /// <summary>The nearest double.</summary>
    public double Value => Hi + Lo;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => Hi != 0 ? Math.Sign(Hi) : Math.Sign(Lo);

    /// <summary>The exact product of two doubles.</summary>
    public static DoubleDouble Product(double a, double b)
    {
        var p = a * b;
        return new DoubleDouble(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        var (s, e) = TwoSum(a.Hi, b.Hi);
        var (t, f) = TwoSum(a.Lo, b.Lo);
        e += t;
        (s, e) = FastTwoSum(s, e);
        e += f;
        return FastTwoSumPair(s, e);
    }

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + -b;

    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        var p = Product(a.Hi, b);
        return FastTwoSumPair(p.Hi, p.Lo + a.Lo * b);
    }

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        var s = a + b;
        var bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    private static (double Sum, double Error) FastTwoSum(double a, double b)
    {
        var s = a + b;
        return (s, b - (s - a));
    }

    private static DoubleDouble FastTwoSumPair(double a, double b)
    {
        var (s, e) = FastTwoSum(a, b);
        return new DoubleDouble(s, e);
    }
}
