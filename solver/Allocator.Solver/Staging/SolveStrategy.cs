namespace Allocator.Solver.Staging;

/// <summary>
/// Ways a backend can attack one stage, in the order the staged solve tries them when the one before fails or its
/// answer does not pass <see cref="StageCheck"/>. Each session says which it supports.
/// </summary>
internal enum SolveStrategy
{
    /// <summary>The backend's fastest way: dual simplex for the first stage, then primal simplex from the last basis.</summary>
    Warm,

    /// <summary>
    /// The first solve of a wide LP as a sequence of small ones over working sets of columns, priced by their duals
    /// (HiGHS only; Backends/HighsSifting.cs), ending in a basis for the whole LP that the backend confirms.
    /// </summary>
    Sifting,

    /// <summary>The basis is dropped and dual simplex starts again from scratch, with presolve.</summary>
    DualFromScratch,

    /// <summary>Interior point with crossover to a vertex, from scratch: immune to the degeneracy that stalls a simplex.</summary>
    InteriorPoint,

    /// <summary>Dual simplex from scratch at the backend's default feasibility tolerances (1e-7), trusted only after the check.</summary>
    DefaultTolerances,
}
