namespace Allocator.Models;

/// <summary>
/// Draws how late a unit arrives from a line's slip (contract 1.1, section 4). A SplitMix64 generator, written out
/// here rather than <see cref="Random"/>, so that a seed gives the same draws on every platform and .NET version.
/// </summary>
internal sealed class SlipSampler(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    /// <summary>A uniform number in [0, 1) with 53 random bits.</summary>
    public double Uniform()
    {
        var z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>
    /// The cumulative probabilities of a slip, as <see cref="Delay"/> reads them: entry <c>d</c> is
    /// <c>p_0 + ... + p_d</c>, and the last delay that has a chance gets 1, so that a draw landing in the sliver the
    /// probabilities may miss 1 by (1e-9 at most) takes it.
    /// </summary>
    public static double[] Cumulative(IReadOnlyList<double> slip)
    {
        var cumulative = new double[slip.Count];
        var sum = 0.0;
        for (var d = 0; d < slip.Count; d++)
            cumulative[d] = sum += slip[d];
        var last = slip.Count - 1;
        while (last > 0 && slip[last] <= 0) last--;
        for (var d = last; d < slip.Count; d++) cumulative[d] = double.PositiveInfinity;
        return cumulative;
    }

    /// <summary>A delay <c>d</c> drawn with probability <c>p_d</c>, from <see cref="Cumulative"/>'s table.</summary>
    public int Delay(double[] cumulative)
    {
        var u = Uniform();
        var d = 0;
        while (u >= cumulative[d]) d++;
        return d;
    }
}
