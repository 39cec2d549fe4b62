namespace Allocator.Solver.Staging;

/// <summary>
/// A row that holds value stage <see cref="Stage"/> at or above <see cref="Lower"/> (its optimum, or slightly below
/// when relaxed) in every later stage; <see cref="Row"/> is the session's handle.
/// </summary>
internal sealed record StageHold(int Stage, int Row, double Best)
{
    /// <summary>The row's current lower bound (the optimum; below it once relaxed, -infinity once released).</summary>
    public double Lower { get; set; } = Best;
}
