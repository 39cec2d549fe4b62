using Allocator.Solver.Lp;
using Google.OrTools.LinearSolver;
using OrSolver = Google.OrTools.LinearSolver.Solver;

namespace Allocator.Solver.Backends;

/// <summary>Copies an <see cref="LpModel"/> into an OR-Tools solver, keeping the model's column and row order.</summary>
internal static class ModelLoader
{
    /// <summary>Creates the model's columns and rows in <paramref name="solver"/>: column <c>j</c> is <c>Variables[j]</c>, row <c>i</c> is <c>Rows[i]</c>.</summary>
    public static (Variable[] Variables, Constraint[] Rows) Load(OrSolver solver, LpModel model)
    {
        var variables = new Variable[model.ColumnCount];
        for (var j = 0; j < variables.Length; j++)
            variables[j] = solver.MakeNumVar(model.ColumnLower(j), model.ColumnUpper(j), "");
        var rows = new Constraint[model.RowCount];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = solver.MakeConstraint(model.RowLower(i), model.RowUpper(i), "");
        for (var t = 0; t < model.TermCount; t++)
        {
            var (row, column, coefficient) = model.Term(t);
            rows[row].SetCoefficient(variables[column], coefficient);
        }
        return (variables, rows);
    }
}
