using Allocator.Solver.Staging;

namespace Allocator.Tests.Solver;

/// <summary><see cref="DoubleDouble"/>: sums and products of doubles kept to about 32 digits, where doubles cancel.</summary>
public class DoubleDoubleTests
{
    [Fact]
    public void Sum_LargeTermsThatCancel_KeepsTheSmallOne()
    {
        // In doubles 1e16 + 1 - 1e16 is 0 (1 is below half an ulp of 1e16); kept apart it is 1.
        Assert.Equal(0, 1e16 + 1 - 1e16);
        var sum = DoubleDouble.Zero + 1e16 + 1 - 1e16;
        Assert.Equal(1, sum.Value);
    }

    [Fact]
    public void Product_IsExact()
    {
        // (1 + 2^-30)^2 = 1 + 2^-29 + 2^-60: the last term is below a double's precision next to 1.
        var a = 1 + Math.Pow(2, -30);
        var product = DoubleDouble.Product(a, a);
        Assert.Equal(1 + Math.Pow(2, -29), product.Hi);
        Assert.Equal(Math.Pow(2, -60), product.Lo);
        Assert.Equal(Math.Pow(2, -60), (product - (1 + Math.Pow(2, -29))).Value);
    }

    [Fact]
    public void ScaledMultipliers_CancelExactly_WhereDoublesLeaveRounding()
    {
        // θ y - θ y' with y and y' a rounding apart, θ = 2e9: what the optimal face's bound sums (OptimalFace.Bound).
        const double theta = 2e9;
        var y = 0.1;
        var y2 = Math.BitIncrement(0.1);
        var exact = DoubleDouble.Product(theta, y2) - DoubleDouble.Product(theta, y);
        Assert.Equal(theta * (y2 - y), exact.Value, 1e-30);
        Assert.Equal(1, Math.Sign(exact.Value));
        Assert.Equal(1, exact.Sign);
        Assert.Equal(-1, (-exact).Sign);
        Assert.Equal(0, DoubleDouble.Zero.Sign);
    }

    [Fact]
    public void Scale_ByADouble_KeepsTheLowPart()
    {
        var x = DoubleDouble.Zero + 1 + Math.Pow(2, -70);
        var scaled = x * 3;
        Assert.Equal(3, scaled.Hi);
        Assert.Equal(3 * Math.Pow(2, -70), scaled.Lo);
    }
}
