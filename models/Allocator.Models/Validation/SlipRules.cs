namespace Allocator.Models;

/// <summary>
/// Contract 1.1, section 4: <c>lines[].slip</c> is a probability distribution over how many periods late a unit
/// arrives. Every entry is checked (each negative one reported at its index), then the sum.
/// </summary>
internal static class SlipRules
{
    /// <summary>How far the probabilities may add up away from 1 (the contract's tolerance).</summary>
    public const double SumTolerance = 1e-9;

    /// <param name="slip">The line's slip.</param>
    /// <param name="path">Its JSON path.</param>
    /// <param name="fail">Reports one problem.</param>
    /// <param name="unread">Whether a path holds a placeholder for a value that could not be read: the sum is then unknown.</param>
    public static void Check(IReadOnlyList<double> slip, string path, Action<string, string> fail, Func<string, bool> unread)
    {
        if (slip.Count == 0)
        {
            fail(path, "is empty (give the probabilities of arriving 0, 1, 2, ... periods late, adding up to 1, for example [0.6, 0.3, 0.1]; or leave it out for always on time)");
            return;
        }
        var valid = true;
        for (var d = 0; d < slip.Count; d++)
        {
            if (slip[d] >= 0 && double.IsFinite(slip[d])) continue;
            valid = false;
            fail($"{path}[{d}]", $"{slip[d]} is negative (the probability of arriving {Late(d)} must be 0 or more)");
        }
        // The sum of a list with a negative or unreadable entry says nothing more.
        if (!valid || Enumerable.Range(0, slip.Count).Any(d => unread($"{path}[{d}]"))) return;
        var sum = slip.Sum();
        if (Math.Abs(sum - 1) > SumTolerance)
            fail(path, $"the probabilities add up to {sum:R}, not 1 (each entry is the probability of arriving 0, 1, 2, ... periods late; together they must make 1)");
    }

    private static string Late(int d) => d == 0 ? "on time" : d == 1 ? "1 period late" : $"{d} periods late";
}
