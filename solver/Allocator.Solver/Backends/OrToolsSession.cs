using Allocator.Solver.Lp;
using Google.OrTools.LinearSolver;
using OrSolver = Google.OrTools.LinearSolver.Solver;

namespace Allocator.Solver.Backends;

/// <summary>An LP in an OR-Tools <c>MPSolver</c> (GLOP, CLP, PDLP, and HiGHS when its own library cannot be loaded).</summary>
internal sealed class OrToolsSession : ILpSession
{
    private readonly OrSolver _solver;
    private readonly Variable[] _variables;
    private readonly List<Constraint> _added = [];

    public OrToolsSession(LpModel model, string backend)
    {
        _solver = OrSolver.CreateSolver(BackendCatalog.OrToolsId(backend))
            ?? throw new InvalidOperationException($"backend '{backend}' is not available in this build of OR-Tools");
        _solver.SuppressOutput();
        BackendTuning.Apply(_solver, backend);
        (_variables, _) = ModelLoader.Load(_solver, model);
    }

    public void SetObjective(Func<int, double> coefficients, bool maximize)
    {
        var objective = _solver.Objective();
        for (var j = 0; j < _variables.Length; j++)
            objective.SetCoefficient(_variables[j], coefficients(j));
        if (maximize) objective.SetMaximization(); else objective.SetMinimization();
    }

    public OrSolver.ResultStatus Solve(TimeSpan? timeLimit)
    {
        if (timeLimit is { } limit) _solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
        return _solver.Solve();
    }

    public double[] Primal()
    {
        var x = new double[_variables.Length];
        for (var j = 0; j < x.Length; j++) x[j] = _variables[j].SolutionValue();
        return x;
    }

    public int AddAtLeastRow(Func<int, double> coefficients, double lower)
    {
        var row = _solver.MakeConstraint(lower, double.PositiveInfinity, $"keep_value_{_added.Count}");
        for (var j = 0; j < _variables.Length; j++)
            row.SetCoefficient(_variables[j], coefficients(j));
        _added.Add(row);
        return _added.Count - 1;
    }

    public void SetRowLower(int row, double lower) => _added[row].SetLb(lower);

    /// <summary>Not offered: OR-Tools 9.15's HiGHS interface returns row activities as duals, PDLP's are approximate, and the GLOP and CLP paths are not needed for them (docs/explanations.md).</summary>
    public (double[] RowDuals, double[] ReducedCosts)? Duals() => null;

    public void Interrupt() => _solver.InterruptSolve();

    public void Dispose() => _solver.Dispose();
}
