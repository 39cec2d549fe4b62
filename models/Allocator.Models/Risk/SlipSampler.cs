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
    /// A delay <c>d</c> drawn with probability <c>slip[d]</c>. The probabilities add up to 1 within 1e-9; a draw that
    /// lands in that sliver past their sum takes the last delay that has a chance.
    /// </summary>
    public int Delay(IReadOnlyList<double> slip)
    {
        var u = Uniform();
        var cumulative = 0.0;
        var last = 0;
        for (var d = 0; d < slip.Count; d++)
        {
            if (slip[d] <= 0) continue;
            cumulative += slip[d];
            last = d;
            if (u < cumulative) return d;
        }
        return last;
    }
}
