using System.Text;

namespace Allocator.Report.Sections;

/// <summary>
/// EXTENSION POINT — baseline comparison. The contract's result does not carry a baseline yet. When
/// <c>AllocationResult</c> gains one (the same request planned a simpler way, e.g. first come first served),
/// render it here as a section titled "Compared with the baseline": value, money committed, needs met in full and
/// units missing side by side, and the needs whose coverage differs most. <see cref="ReportWriter"/> already calls
/// it; until then it writes nothing.
/// </summary>
internal static class BaselineSection
{
    /// <summary>True when the result has a baseline to compare with.</summary>
    public static bool IsPresent(PlanFacts facts) => false;

    public static void Render(StringBuilder html, PlanFacts facts)
    {
        if (!IsPresent(facts)) return;
        // Render result.Baseline here (escape every string with Html.Escape).
    }
}
