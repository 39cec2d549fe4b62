using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>
/// The tie rule's routes as an LP of their own (docs/model.md, "The tie rule"): once every other column is fixed where
/// the tie rule left it, only the money routes can move, and only the rows they appear in (the group, hub and pool
/// balances) still constrain anything. This LP has those columns and rows alone, each row's bounds less what its fixed
/// columns contribute: one small transportation problem per period. <see cref="Whole"/> is the LP it stands for (the
/// model with every other column fixed), against which the answer is checked.
/// <para>
/// Solving it inside the main session instead meant fixing and later releasing every other column (78,845 bound
/// changes on national-pooled) and a presolve of the whole LP, 0.26 s of national-pooled's 3.3 s and 1.4 s of
/// <c>wide</c> with 90,000 lines; and a row whose columns were all fixed a hair past its bound (a budget 1e-8 over,
/// within the tie rule's tolerance) made that presolve call the whole LP infeasible. Rows without a route are not here.
/// </para>
/// </summary>
internal sealed class RoutesLp
{
    private readonly int[] _columns;   // this LP's column j is the model's column _columns[j]
    private readonly int[] _rows;      // this LP's row i is the model's row _rows[i]
    private readonly double[] _fixedPoint;

    private RoutesLp(LpModel model, LpModel whole, int[] columns, int[] rows, double[] fixedPoint)
    {
        Model = model;
        Whole = whole;
        _columns = columns;
        _rows = rows;
        _fixedPoint = fixedPoint;
    }

    /// <summary>The routes' LP: the route columns (minimised by their route weights) and the rows they appear in.</summary>
    public LpModel Model { get; }

    /// <summary>The model with every column but the routes fixed at the tie rule's point: what the answer is checked against.</summary>
    public LpModel Whole { get; }

    /// <summary>
    /// The routes' LP of <paramref name="model"/> at the tie rule's point <paramref name="x"/> (its columns clamped to
    /// their bounds before they are fixed, as a solver may leave them a hair outside).
    /// </summary>
    public static RoutesLp Build(LpModel model, double[] x)
    {
        var fixedPoint = new double[model.ColumnCount];
        var bounds = new Dictionary<int, (double Lower, double Upper)>();
        var localColumn = new int[model.ColumnCount];
        var columns = new List<int>();
        for (var j = 0; j < model.ColumnCount; j++)
        {
            if (model.RouteCoefficient(j) != 0)
            {
                localColumn[j] = columns.Count;
                columns.Add(j);
                continue;
            }
            localColumn[j] = -1;
            var at = Math.Clamp(x[j], model.ColumnLower(j), model.ColumnUpper(j));
            fixedPoint[j] = at;
            bounds[j] = (at, at);
        }
        // Which rows hold a route, and what the fixed columns put into each.
        var fixedActivity = new double[model.RowCount];
        var moves = new bool[model.RowCount];
        for (var t = 0; t < model.TermCount; t++)
        {
            var (row, column, coefficient) = model.Term(t);
            if (localColumn[column] >= 0) moves[row] = true;
            else fixedActivity[row] += coefficient * fixedPoint[column];
        }
        var routes = new LpModel();
        foreach (var j in columns)
        {
            var local = routes.AddColumn(model.ColumnLower(j), model.ColumnUpper(j));
            routes.SetRouteCoefficient(local, model.RouteCoefficient(j));
        }
        var rows = new List<int>();
        var localRow = new int[model.RowCount];
        for (var i = 0; i < model.RowCount; i++)
        {
            localRow[i] = -1;
            if (!moves[i]) continue;
            localRow[i] = rows.Count;
            rows.Add(i);
            routes.AddRow(model.RowLower(i) - fixedActivity[i], model.RowUpper(i) - fixedActivity[i]);
        }
        for (var t = 0; t < model.TermCount; t++)
        {
            var (row, column, coefficient) = model.Term(t);
            if (localColumn[column] >= 0) routes.AddTerm(localRow[row], localColumn[column], coefficient);
        }
        return new RoutesLp(routes, model.WithColumnBounds(bounds), [.. columns], [.. rows], fixedPoint);
    }

    /// <summary>The whole model's point: the fixed columns where the tie rule left them, the routes from <paramref name="routes"/>.</summary>
    public double[] Point(double[] routes)
    {
        var x = (double[])_fixedPoint.Clone();
        for (var j = 0; j < _columns.Length; j++) x[_columns[j]] = routes[j];
        return x;
    }

    /// <summary>
    /// Row multipliers for <see cref="Whole"/> and <paramref name="holds"/> hold rows after it, from this LP's: each
    /// route row's own, 0 on every other row (their columns are fixed, so any multiplier proves the same bound).
    /// </summary>
    public double[] RowDuals(double[] routeDuals, int holds)
    {
        var y = new double[Whole.RowCount + holds];
        for (var i = 0; i < _rows.Length; i++) y[_rows[i]] = routeDuals[i];
        return y;
    }
}
