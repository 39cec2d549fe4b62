using Allocator.Solver.Lp;
using Allocator.Solver.Staging;
using Google.OrTools.LinearSolver;
using OrSolver = Google.OrTools.LinearSolver.Solver;

namespace Allocator.Solver.Backends;

/// <summary>An LP in an OR-Tools <c>MPSolver</c> (GLOP, CLP, PDLP, and HiGHS when its own library cannot be loaded).</summary>
internal sealed class OrToolsSession : ILpSession
{
    /// <summary>
    /// For many warm re-solves (the explanations' probes): presolve off, since it would rebuild the problem on every
    /// re-solve and lose the warm basis (measured on the M preset: 23 ms instead of 90 ms a probe, and a faster first
    /// solve too). A speed setting only: a refusal changes nothing.
    /// </summary>
    private const string ProbingParameters = "use_preprocessing:false";

    private readonly OrSolver _solver;
    private readonly Variable[] _variables;
    private readonly Constraint[] _rows;
    private readonly List<Constraint> _added = [];

    public OrToolsSession(LpModel model, string backend, bool probing = false)
    {
        Backend = backend;
        _solver = OrSolver.CreateSolver(BackendCatalog.OrToolsId(backend))
            ?? throw new InvalidOperationException($"backend '{backend}' is not available in this build of OR-Tools");
        _solver.SuppressOutput();
        BackendTuning.Apply(_solver, backend);
        if (probing && backend == "glop") _solver.SetSolverSpecificParametersAsString(ProbingParameters);
        (_variables, _rows) = ModelLoader.Load(_solver, model);
    }

    public string Backend { get; }

    /// <summary>OR-Tools' backends are used as they come: one strategy, then the staged solve moves to another backend.</summary>
    public IReadOnlyList<SolveStrategy> Strategies { get; } = [SolveStrategy.Warm];

    public void Use(SolveStrategy strategy)
    {
        if (strategy != SolveStrategy.Warm) throw new ArgumentOutOfRangeException(nameof(strategy), strategy, $"{Backend} offers only {SolveStrategy.Warm}");
    }

    public void SetObjective(Func<int, double> coefficients, bool maximize)
    {
        var objective = _solver.Objective();
        for (var j = 0; j < _variables.Length; j++)
            objective.SetCoefficient(_variables[j], coefficients(j));
        if (maximize) objective.SetMaximization(); else objective.SetMinimization();
    }

    public SessionStatus Solve(TimeSpan? timeLimit)
    {
        if (timeLimit is { } limit) _solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
        return _solver.Solve() switch
        {
            OrSolver.ResultStatus.OPTIMAL => SessionStatus.Optimal,
            OrSolver.ResultStatus.FEASIBLE => SessionStatus.StoppedWithPlan,
            OrSolver.ResultStatus.NOT_SOLVED => SessionStatus.StoppedWithoutPlan,
            OrSolver.ResultStatus.INFEASIBLE => SessionStatus.Infeasible,
            OrSolver.ResultStatus.UNBOUNDED => SessionStatus.Unbounded,
            _ => SessionStatus.Failed,
        };
    }

    public bool KeepsPointOnFailure => false;

    /// <summary>OR-Tools' linear solver wrapper does not report iteration counts.</summary>
    public long? Iterations => null;

    public void LimitIterations(long? iterations)
    {
    }

    public double[] Primal()
    {
        var x = new double[_variables.Length];
        for (var j = 0; j < x.Length; j++) x[j] = _variables[j].SolutionValue();
        return x;
    }

    public double Objective() => _solver.Objective().Value();

    public int AddAtLeastRow(Func<int, double> coefficients, double lower)
    {
        var row = _solver.MakeConstraint(lower, double.PositiveInfinity, $"keep_value_{_added.Count}");
        for (var j = 0; j < _variables.Length; j++)
            row.SetCoefficient(_variables[j], coefficients(j));
        _added.Add(row);
        return _rows.Length + _added.Count - 1;
    }

    public void SetRowLower(int row, double lower) => Row(row).SetLb(lower);

    public void SetRowBounds(int row, double lower, double upper) => Row(row).SetBounds(lower, upper);

    public double RowUpper(int row) => Row(row).Ub();

    public void SetRowUpper(int row, double upper) => Row(row).SetUb(upper);

    public double ColumnUpper(int column) => _variables[column].Ub();

    public void SetColumnUpper(int column, double upper) => _variables[column].SetUb(upper);

    public double ColumnLower(int column) => _variables[column].Lb();

    public void SetColumnBounds(int column, double lower, double upper) => _variables[column].SetBounds(lower, upper);

    /// <summary>
    /// GLOP's duals, read in GLOP's own convention. Not offered for the others: OR-Tools 9.15's HiGHS interface
    /// returns row activities as duals, and PDLP's are approximate (docs/explanations.md); CLP's are untested.
    /// </summary>
    public (double[] RowDuals, double[] ReducedCosts)? Duals()
    {
        if (Backend != "glop") return null;
        var rowDuals = new double[_rows.Length + _added.Count];
        for (var i = 0; i < rowDuals.Length; i++) rowDuals[i] = Row(i).DualValue();
        var reduced = new double[_variables.Length];
        for (var j = 0; j < reduced.Length; j++) reduced[j] = _variables[j].ReducedCost();
        return (rowDuals, reduced);
    }

    public void Interrupt() => _solver.InterruptSolve();

    public void Dispose() => _solver.Dispose();

    private Constraint Row(int row) => row < _rows.Length ? _rows[row] : _added[row - _rows.Length];
}
