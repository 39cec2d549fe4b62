namespace Allocator.Solver;

/// <summary>How much of <c>explanations</c> to add to a result (docs/explanations.md, "Cost and levels").</summary>
public enum ExplainLevel
{
    /// <summary>By the LP's size: <see cref="Full"/> for small requests, <see cref="Duals"/> up to the M preset's size, <see cref="Reasons"/> above.</summary>
    Auto,

    /// <summary>No explanations.</summary>
    None,

    /// <summary>Reasons for money left, capacity left and needs short, and the hand-made baseline; no marginal values.</summary>
    Reasons,

    /// <summary>Reasons and baseline, plus marginal values read from the LP's duals (one extra GLOP solve, alongside the main solve).</summary>
    Duals,

    /// <summary>Everything, each positive marginal value checked by a warm re-solve (the right-derivative where the LP is degenerate).</summary>
    Full,
}
