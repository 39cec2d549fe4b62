namespace Allocator.Solver.Lp;

/// <summary>
/// Where the first solve may start (a hint, never a constraint): the columns it may leave out at their lower bound,
/// and of those the ones to start with. A backend that sifts (HiGHS, <c>Backends/HighsSifting.cs</c>) solves the LP
/// restricted to every other column and the seed, then prices the rest back in until none improves, so the optimum
/// is the whole LP's whatever the hint; a backend that does not ignores it. The formulation sets one on a re-plan: the
/// money routes are the candidates and the routes the previous plan used the seed (docs/model.md, "Sifting").
/// </summary>
/// <param name="Candidates">The columns the first solve may leave out, in increasing order.</param>
/// <param name="Seed">Of the candidates, the ones it starts with, in increasing order.</param>
/// <param name="What">What the candidates are, and where the seed comes from, for the solve path.</param>
internal sealed record WorkingSetHint(int[] Candidates, int[] Seed, string What);
