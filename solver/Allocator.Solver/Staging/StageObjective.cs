using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>
/// One stage's objective: value stage <see cref="Stage"/> (maximised), money (<see cref="Stage"/> = -1, minimised), or
/// change from a previous plan (<see cref="Stage"/> = -2, minimised; contract 1.1, only when the model has one), or
/// the tie rule (<see cref="Stage"/> = -3), then its routes (<see cref="Stage"/> = -4, minimised last).
/// </summary>
internal readonly record struct StageObjective(int Stage)
{
    public static StageObjective Money => new(-1);

    public static StageObjective Change => new(-2);

    /// <summary>The tie rule (Formulation/TieRule.cs), minimised after every other stage but its routes; it only picks among plans already optimal.</summary>
    public static StageObjective Tie => new(-3);

    /// <summary>The tie rule's routes (Formulation/TieRule.cs, RouteWeight), minimised last, every other column fixed where the tie rule left it.</summary>
    public static StageObjective Routes => new(-4);

    public bool IsTie => Stage == -3;

    public bool IsRoutes => Stage == -4;

    public bool IsMoney => Stage == -1;

    public bool IsChange => Stage == -2;

    public bool Maximise => Stage >= 0;

    /// <summary>The objective coefficient of column <paramref name="j"/> in <paramref name="model"/>.</summary>
    public double Coefficient(LpModel model, int j) =>
        IsMoney ? model.MoneyCoefficient(j) : IsChange ? model.ChangeCoefficient(j) : IsTie ? model.TieCoefficient(j)
        : IsRoutes ? model.RouteCoefficient(j) : model.ValueCoefficient(j, Stage);
}
