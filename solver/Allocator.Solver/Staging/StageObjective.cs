using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>One stage's objective: value stage <see cref="Stage"/> (maximised), or money (<see cref="Stage"/> = -1, minimised).</summary>
internal readonly record struct StageObjective(int Stage)
{
    public static StageObjective Money => new(-1);

    public bool IsMoney => Stage < 0;

    public bool Maximise => !IsMoney;

    /// <summary>The objective coefficient of column <paramref name="j"/> in <paramref name="model"/>.</summary>
    public double Coefficient(LpModel model, int j) => IsMoney ? model.MoneyCoefficient(j) : model.ValueCoefficient(j, Stage);
}
