using Google.OrTools.LinearSolver;
using OrSolver = Google.OrTools.LinearSolver.Solver;

namespace Allocator.Solver.Backends;

/// <summary>Per-backend settings that make each backend meet the contract's 1e-6 accuracy and stay quiet.</summary>
internal static class BackendTuning
{
    /// <summary>Seconds a PDLP solve may take when the request sets no limit: PDLP can stall rather than fail.</summary>
    public const double PdlpDefaultTimeLimitSeconds = 60;

    /// <summary>Backends whose "optimal" means "within their tolerance", not a proven vertex optimum.</summary>
    public static bool IsApproximate(string backend) => backend == "pdlp";

    /// <summary>
    /// Backends whose later stages search the earlier stages' optimal face (Staging/OptimalFace.cs): HiGHS only.
    /// Measured with GLOP on <c>national-pooled</c>: its money stage on the face ended 6e-8 (relative) above the
    /// money it reached on the whole LP, where the hold row's last 1e-12 of value buys money at a rate of 6e8 per unit,
    /// so the face's certificate missed the check's 1e-7 (2.2e-7); the face was released and GLOP, restarting from
    /// the released bounds, took 48 s for the money stage and the tie rule against 8 s without the face. HiGHS passes
    /// its check on the face on every request measured (bench/README.md, section 5).
    /// </summary>
    public static bool SearchesOptimalFace(string backend) => backend == "highs";

    /// <summary>The time limit to apply: the caller's, or a safety limit for backends that can stall.</summary>
    public static double? TimeLimit(string backend, double? requested) =>
        requested ?? (backend == "pdlp" ? PdlpDefaultTimeLimitSeconds : null);

    public static void Apply(OrSolver solver, string backend)
    {
        switch (backend)
        {
            case "pdlp":
                // PDLP is a first-order method. Measured on the examples: at 1e-6 it converges in under a second on
                // small requests with value within ~2e-7 and money within ~1e-6 of the optimum; at 1e-7 and tighter
                // it often does not finish at all (a 24-period, 500-line request ran past 60 s). So it runs at 1e-6
                // and its plans are reported as feasible, not optimal (see IsApproximate). One thread keeps it
                // reproducible.
                solver.SetSolverSpecificParametersAsString(
                    "num_threads: 1 termination_criteria { simple_optimality_criteria { eps_optimal_absolute: 1e-6 eps_optimal_relative: 1e-6 } }");
                break;
            case "highs":
                // HiGHS logs to stdout by default; the CLI also guards the descriptor, this keeps embedders clean.
                // One option per line. OR-Tools returns false for this call even when HiGHS applies the options
                // (checked: the banner disappears), so the return value is not checked.
                // Feasibility tolerances 1e-9 rather than HiGHS's 1e-7: with its defaults, a request whose unit costs
                // span 1e-1 to 1e9 (a small earmarked tranche that alone can fund a cheap line) came back "optimal"
                // with 16.67 of a value of 40 (NumericExtremesTests, "unit costs 1e-1 and 1e9 in one request").
                // 1e-9 solves it exactly, and the national-scale preset L in the same time with the same optimum.
                solver.SetSolverSpecificParametersAsString(
                    "output_flag=false\nlog_to_console=false\nthreads=1\nprimal_feasibility_tolerance=1e-9\ndual_feasibility_tolerance=1e-9\n");
                break;
        }
    }
}
