using Allocator.Solver.Lp;
using Allocator.Solver.Staging;

namespace Allocator.Solver.Backends;

/// <summary>
/// One LP loaded into one backend, re-solved as the lexicographic stages change its objective and add rows. The
/// stages live in <see cref="StagedSolver"/>; this is only what they need from a backend, in Allocator's own terms
/// (<see cref="SessionStatus"/>), whichever library answers.
/// </summary>
internal interface ILpSession : IDisposable
{
    /// <summary>The backend's name (<c>highs</c>, <c>glop</c>, ...).</summary>
    string Backend { get; }

    /// <summary>The strategies this backend offers, the fastest first; the staged solve falls back along them.</summary>
    IReadOnlyList<SolveStrategy> Strategies { get; }

    /// <summary>Uses <paramref name="strategy"/> (one of <see cref="Strategies"/>) for the next solve.</summary>
    void Use(SolveStrategy strategy);

    /// <summary>Sets the objective to <paramref name="coefficients"/> (one per column), maximised or minimised.</summary>
    void SetObjective(Func<int, double> coefficients, bool maximize);

    /// <summary>
    /// Simplex iterations of every solve so far, or null when the backend does not count them. With
    /// <see cref="LimitIterations"/>, a deterministic measure of work (a time limit is not: it depends on the machine).
    /// </summary>
    long? Iterations { get; }

    /// <summary>Caps the simplex iterations of the next solves (null: no cap); a solve that reaches the cap ends stopped.</summary>
    void LimitIterations(long? iterations);

    /// <summary>Solves, warm from the last solve where the backend can, within <paramref name="timeLimit"/> if given.</summary>
    SessionStatus Solve(TimeSpan? timeLimit);

    /// <summary>What the last solve did that its strategy does not say (how a sifting went), for the solve path; null when nothing.</summary>
    string? SolveDetail => null;

    /// <summary>
    /// Whether <see cref="Primal"/> and <see cref="Duals"/> still return the backend's last point after a solve that
    /// <see cref="SessionStatus.Failed"/>, so that the staged solve can check it (HiGHS keeps it; OR-Tools does not).
    /// </summary>
    bool KeepsPointOnFailure { get; }

    /// <summary>The last solve's column values.</summary>
    double[] Primal();

    /// <summary>The last solve's objective value.</summary>
    double Objective();

    /// <summary>Adds the row <c>sum_j coefficients(j) x_j &gt;= lower</c>; returns its index (after the model's rows).</summary>
    int AddAtLeastRow(Func<int, double> coefficients, double lower);

    /// <summary>Changes the lower bound of a row added by <see cref="AddAtLeastRow"/>.</summary>
    void SetRowLower(int row, double lower);

    /// <summary>The upper bound of row <paramref name="row"/> (a model row or an added one).</summary>
    double RowUpper(int row);

    /// <summary>Changes the upper bound of a model row.</summary>
    void SetRowUpper(int row, double upper);

    /// <summary>Changes both bounds of a model row (the staged solve fixes rows to a stage's optimal face with it).</summary>
    void SetRowBounds(int row, double lower, double upper);

    /// <summary>The upper bound of column <paramref name="column"/>.</summary>
    double ColumnUpper(int column);

    /// <summary>Changes the upper bound of a column.</summary>
    void SetColumnUpper(int column, double upper);

    /// <summary>The lower bound of column <paramref name="column"/>.</summary>
    double ColumnLower(int column);

    /// <summary>Changes both bounds of a column (the staged solve fixes columns to a stage's optimal face with it).</summary>
    void SetColumnBounds(int column, double lower, double upper);

    /// <summary>
    /// The last solve's row duals (the model's rows, then the added rows) and reduced costs, in GLOP's convention
    /// (the objective's gain per unit of a bound, for either sense); null when this backend's are not reliable.
    /// </summary>
    (double[] RowDuals, double[] ReducedCosts)? Duals();

    /// <summary>Asks a running solve to stop as soon as it can (from another thread).</summary>
    void Interrupt();

    /// <summary>
    /// The last solve's basis, in the order of its positions: a column's index, or <c>-(1 + row)</c> for a row's logical
    /// (HiGHS's convention); null when the backend does not give it.
    /// </summary>
    int[]? BasicVariables() => null;

    /// <summary>
    /// Solves <c>B'z = rhs</c> for the last solve's basis matrix <c>B</c> (a column's coefficients for a basic column,
    /// the unit vector of its row for a basic logical; <see cref="BasicVariables"/>' order); null when the backend cannot.
    /// </summary>
    double[]? BasisTransposeSolve(double[] rhs) => null;
}

/// <summary>Opens the session for a backend: HiGHS through its own C API when its library loads, the rest through OR-Tools.</summary>
internal static class LpSessions
{
    /// <summary>Opens <paramref name="model"/> in <paramref name="backend"/>; <paramref name="probing"/> tunes GLOP for many warm re-solves (no presolve).</summary>
    public static ILpSession Open(LpModel model, string backend, bool probing = false) =>
        UsesHighsApi(backend) ? new HighsSession(model) : new OrToolsSession(model, backend, probing);

    /// <summary>
    /// Whether the main solve's value-stage duals serve the explanations' marginal values. GLOP's sessions report
    /// duals too (the certificate reads them), but the explanations keep their own GLOP solve for that backend, whose
    /// re-solves they also need.
    /// </summary>
    public static bool ProvidesDuals(string backend) => UsesHighsApi(backend);

    private static bool UsesHighsApi(string backend) => backend == "highs" && HighsApi.IsAvailable;
}
