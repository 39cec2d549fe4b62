namespace Allocator.Solver.Lp;

/// <summary>One value stage solved to optimality: its objective, every row's dual and every column's reduced cost.</summary>
/// <param name="Stage">Index of the value stage (0 without urgency tiers); -1 for the money stage.</param>
/// <param name="Objective">Optimal value of the stage, in LP value units.</param>
/// <param name="RowDuals">Duals in GLOP's convention (HiGHS's C API reports the same): for a maximisation, the objective's gain per unit of a row's bound; the model's rows, then any hold rows.</param>
/// <param name="ReducedCosts">Objective coefficient minus the dual-priced column: the gain per unit of a column's bound.</param>
/// <param name="Primal">The stage's optimal point.</param>
internal sealed record StageSnapshot(int Stage, double Objective, double[] RowDuals, double[] ReducedCosts, double[] Primal);
