namespace Allocator.Models;

/// <summary>
/// Contract 1.1, section 1: the rules on <c>lines[].lotSize</c>, <c>lines[].minimumOrder</c> and <c>solver.mipGap</c>,
/// kept apart from the v1 rules of <see cref="RequestValidator"/>, which calls them.
/// </summary>
public static class WholeUnitRules
{
    /// <summary>The engine's default for <c>solver.mipGap</c> (the contract allows at most 1e-4).</summary>
    public const double DefaultMipGap = 1e-4;

    /// <summary>The only backend that solves whole lots: HiGHS's MIP, through its C API.</summary>
    public const string MipBackend = "highs";

    /// <summary>Whether any line of <paramref name="request"/> has a lot size or a minimum order (the request is then a MIP).</summary>
    public static bool Apply(AllocationRequest request) => request.Lines.Any(l => l.LotSize is not null || l.MinimumOrder is not null);

    internal static void CheckLine(ProductionLine line, string at, Action<string, string> fail)
    {
        if (line.LotSize is { } lot)
            Positive(lot, $"{at}.lotSize", "a lot size is a number of units greater than 0, such as 1 for whole units or 500 for a lot of 500 rounds", fail);
        if (line.MinimumOrder is { } minimum)
            Positive(minimum, $"{at}.minimumOrder", "a minimum order is a number of units greater than 0; leave it out for no minimum", fail);
    }

    internal static void CheckSolver(AllocationRequest request, Action<string, string> fail)
    {
        if (request.Solver?.MipGap is { } gap && !(gap >= 0 && double.IsFinite(gap)))
            fail("$.solver.mipGap", double.IsFinite(gap)
                ? $"{gap} is negative (give a relative gap of 0 or more, such as 0.0001; 0 asks for a proven optimum)"
                : $"{gap} is not a finite number (give a relative gap of 0 or more, such as 0.0001; 0 asks for a proven optimum)");
        if (Apply(request) && request.Solver?.Backend is { } backend && !string.Equals(backend, MipBackend, StringComparison.OrdinalIgnoreCase))
            fail("$.solver.backend", $"'{backend}' solves fractional plans only; lines with lotSize or minimumOrder need '{MipBackend}' (or leave the backend out)");
    }

    private static void Positive(double value, string path, string advice, Action<string, string> fail)
    {
        if (!double.IsFinite(value))
            fail(path, $"{value} is not a finite number ({advice})");
        else if (!(value > 0))
            fail(path, $"{value} is not positive ({advice})");
        else if (!SupportedRanges.Sane(value))
            fail(path, $"{SupportedRanges.N(value)} is beyond what any request needs, {SupportedRanges.N(SupportedRanges.MinMagnitude)} to {SupportedRanges.N(SupportedRanges.MaxMagnitude)} ({advice})");
    }
}
