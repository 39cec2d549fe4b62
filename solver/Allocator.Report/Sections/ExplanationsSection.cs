using System.Text;

namespace Allocator.Report.Sections;

/// <summary>
/// EXTENSION POINT — explanations. The contract's result does not carry explanations yet. When
/// <c>AllocationResult</c> gains them (why a need is short or late, why a donor's money is left, and marginal
/// values: what one more unit of money, capacity or time would be worth), render them here as a section titled
/// "Why" — one short sentence per reason, and a table of marginal values sorted by size — and call it from
/// <see cref="ReportWriter"/> (it already is). Until then this writes nothing, and the report is complete without it.
/// </summary>
internal static class ExplanationsSection
{
    /// <summary>True when the result has explanations to show.</summary>
    public static bool IsPresent(PlanFacts facts) => false;

    public static void Render(StringBuilder html, PlanFacts facts)
    {
        if (!IsPresent(facts)) return;
        // Render result.Explanations here (escape every string with Html.Escape).
    }
}
