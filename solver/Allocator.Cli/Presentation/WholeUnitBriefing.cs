using System.Globalization;
using Allocator.Models;

namespace Allocator.Cli.Presentation;

/// <summary>Contract 1.1: the price of whole lots and minimum orders, in one line of the table and of <c>explain</c>.</summary>
internal static class WholeUnitBriefing
{
    /// <summary>The line, or null for a request without lots or minimum orders (whose briefing stays as it was).</summary>
    public static string? Line(AllocationResult result)
    {
        var s = result.Summary;
        if (s.RelaxedValue is not { } relaxed) return null;
        var price = Math.Max(0, relaxed - s.Value);
        var bound = s.ValueBound is { } b ? $"; no plan in whole lots can exceed {PlanTable.Num(b)} (gap {(result.Diagnostics.MipGap ?? 0).ToString("0.###%", CultureInfo.InvariantCulture)})" : "";
        return $"Whole lots and minimum orders cost {PlanTable.Num(price)} value ({PlanTable.Percent(price, relaxed)} of the {PlanTable.Num(relaxed)} reachable without them){bound}";
    }
}
