using Google.OrTools.LinearSolver;
using OrSolver = Google.OrTools.LinearSolver.Solver;

namespace Allocator.Solver.Backends;

/// <summary>Per-backend settings that make each backend meet the contract's 1e-6 accuracy and stay quiet.</summary>
internal static class BackendTuning
{
    public static void Apply(OrSolver solver, string backend)
    {
        switch (backend)
        {
            case "pdlp":
                // PDLP is a first-order method whose default tolerances (1e-4 relative) are far looser than the
                // contract's 1e-6; one thread keeps its result reproducible.
                solver.SetSolverSpecificParametersAsString(
                    "num_threads: 1 termination_criteria { simple_optimality_criteria { eps_optimal_absolute: 1e-9 eps_optimal_relative: 1e-9 } }");
                break;
            case "highs":
                // HiGHS logs to stdout by default; the CLI also guards the descriptor, this keeps embedders clean.
                // One option per line. OR-Tools returns false for this call even when HiGHS applies the options
                // (checked: the banner disappears), so the return value is not checked.
                solver.SetSolverSpecificParametersAsString("output_flag=false\nlog_to_console=false\nthreads=1\n");
                break;
        }
    }
}
