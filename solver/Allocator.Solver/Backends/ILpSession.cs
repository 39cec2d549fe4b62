using Allocator.Solver.Lp;
using OrSolver = Google.OrTools.LinearSolver.Solver;

namespace Allocator.Solver.Backends;

/// <summary>
/// One LP loaded into one backend, re-solved as the lexicographic stages change its objective and add rows. The
/// stages live in <see cref="LexicographicSolver"/>; this is only what it needs from a backend. Statuses use
/// OR-Tools' names whichever library answers.
/// </summary>
internal interface ILpSession : IDisposable
{
    /// <summary>Sets the objective to <paramref name="coefficients"/> (one per column), maximised or minimised.</summary>
    void SetObjective(Func<int, double> coefficients, bool maximize);

    /// <summary>Solves, warm from the last solve where the backend can, within <paramref name="timeLimit"/> if given.</summary>
    OrSolver.ResultStatus Solve(TimeSpan? timeLimit);

    /// <summary>The last solve's column values.</summary>
    double[] Primal();

    /// <summary>Adds the row <c>sum_j coefficients(j) x_j &gt;= lower</c>; returns its handle for <see cref="SetRowLower"/>.</summary>
    int AddAtLeastRow(Func<int, double> coefficients, double lower);

    /// <summary>Changes the lower bound of a row added by <see cref="AddAtLeastRow"/>.</summary>
    void SetRowLower(int row, double lower);

    /// <summary>
    /// The last solve's row duals (the model's rows, then the added rows) and reduced costs, in GLOP's convention
    /// (the objective's gain per unit of a bound, for either sense); null when this backend's are not reliable.
    /// </summary>
    (double[] RowDuals, double[] ReducedCosts)? Duals();

    /// <summary>Asks a running solve to stop as soon as it can (from another thread).</summary>
    void Interrupt();
}

/// <summary>Opens the session for a backend: HiGHS through its own C API when its library loads, the rest through OR-Tools.</summary>
internal static class LpSessions
{
    public static ILpSession Open(LpModel model, string backend) =>
        UsesHighsApi(backend) ? new HighsSession(model) : new OrToolsSession(model, backend);

    /// <summary>Whether <paramref name="backend"/>'s sessions report reliable duals (<see cref="ILpSession.Duals"/>).</summary>
    public static bool ProvidesDuals(string backend) => UsesHighsApi(backend);

    private static bool UsesHighsApi(string backend) => backend == "highs" && HighsApi.IsAvailable;
}
