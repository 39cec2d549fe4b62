using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>
/// A row that holds a solved stage at its optimum in every later stage: a value stage at or above <see cref="Lower"/>,
/// or (contract 1.1's third stage) the money at or below its minimum, written as <c>-money &gt;= -best</c> so that
/// every hold is an at-least row. <see cref="Row"/> is the session's handle; <see cref="Best"/> and
/// <see cref="Lower"/> are in the row's own (at-least) terms.
/// </summary>
internal sealed record StageHold(StageObjective Objective, int Row, double Best)
{
    /// <summary>The value stage held (-1 for the money hold).</summary>
    public int Stage => Objective.Stage;

    /// <summary>The row's current lower bound (the optimum; below it once relaxed, -infinity once released).</summary>
    public double Lower { get; set; } = Best;

    /// <summary>Column <paramref name="j"/>'s coefficient in the hold row.</summary>
    public double Coefficient(LpModel model, int j) =>
        Objective.Maximise ? Objective.Coefficient(model, j) : -Objective.Coefficient(model, j);

    /// <summary>The hold row's activity at <paramref name="x"/>.</summary>
    public double Activity(LpModel model, ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var j = 0; j < x.Length; j++) sum += Coefficient(model, j) * x[j];
        return sum;
    }
}
