using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;
using Allocator.Solver.Staging;

namespace Allocator.Tests.Solver;

/// <summary>
/// The tie rule's routes as an LP of their own (Staging/RoutesLp.cs): the route columns and the rows they appear in,
/// each row's bounds less what the fixed columns put into it, so that a point of the routes' LP is a point of the
/// whole LP with those columns fixed, and back.
/// </summary>
public class RoutesLpTests
{
    private static readonly LpModel Model =
        new PooledFormulation(ProblemBuilder.Build(Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset("S"), 3)), tieRule: true).Model;

    private static double[] Optimum()
    {
        var outcome = StagedSolver.Solve(Model, "highs", null, CancellationToken.None);
        Assert.Equal(LpStatus.Optimal, outcome.Status);
        return outcome.Primal!;
    }

    [Fact]
    public void Build_KeepsTheRouteColumnsAndTheirRowsOnly()
    {
        var routes = RoutesLp.Build(Model, Optimum());

        var routeColumns = Enumerable.Range(0, Model.ColumnCount).Where(j => Model.RouteCoefficient(j) != 0).ToList();
        Assert.NotEmpty(routeColumns);
        Assert.Equal(routeColumns.Count, routes.Model.ColumnCount);
        for (var k = 0; k < routeColumns.Count; k++)
        {
            Assert.Equal(Model.RouteCoefficient(routeColumns[k]), routes.Model.RouteCoefficient(k));
            Assert.Equal(Model.ColumnLower(routeColumns[k]), routes.Model.ColumnLower(k));
            Assert.Equal(Model.ColumnUpper(routeColumns[k]), routes.Model.ColumnUpper(k));
        }
        var rowsWithRoutes = Enumerable.Range(0, Model.TermCount).Select(Model.Term)
            .Where(term => Model.RouteCoefficient(term.Column) != 0).Select(term => term.Row).Distinct().Count();
        Assert.Equal(rowsWithRoutes, routes.Model.RowCount);
        Assert.True(routes.Model.RowCount < Model.RowCount, "budgets, needs and categories have no route");
        // The whole LP it stands for fixes every other column, and only those.
        for (var j = 0; j < Model.ColumnCount; j++)
            Assert.Equal(Model.RouteCoefficient(j) != 0, routes.Whole.ColumnLower(j) != routes.Whole.ColumnUpper(j) || Model.ColumnLower(j) == Model.ColumnUpper(j));
    }

    [Fact]
    public void Point_OfTheOptimumsRoutes_IsTheOptimum_AndMeetsTheRoutesRows()
    {
        var x = Optimum();
        var routes = RoutesLp.Build(Model, x);
        var routePart = Enumerable.Range(0, Model.ColumnCount).Where(j => Model.RouteCoefficient(j) != 0).Select(j => x[j]).ToArray();

        var back = routes.Point(routePart);
        // The routes as given; every other column where the point has it, clamped to its bounds.
        for (var j = 0; j < x.Length; j++)
            Assert.Equal(Model.RouteCoefficient(j) != 0 ? x[j] : Math.Clamp(x[j], Model.ColumnLower(j), Model.ColumnUpper(j)), back[j]);
        // Each row of the routes' LP, at the optimum's routes, has the activity the whole row has less its fixed part.
        var activity = new double[routes.Model.RowCount];
        for (var t = 0; t < routes.Model.TermCount; t++)
        {
            var (row, column, coefficient) = routes.Model.Term(t);
            activity[row] += coefficient * routePart[column];
        }
        for (var i = 0; i < activity.Length; i++)
        {
            var scale = 1 + Math.Abs(activity[i]);
            Assert.True(activity[i] >= routes.Model.RowLower(i) - 1e-7 * scale && activity[i] <= routes.Model.RowUpper(i) + 1e-7 * scale,
                $"row {i}: {activity[i]} outside [{routes.Model.RowLower(i)}, {routes.Model.RowUpper(i)}]");
        }
    }

    [Fact]
    public void RowDuals_PlacesEachRouteRowsMultiplierOnItsModelRow_AndZeroElsewhere()
    {
        var routes = RoutesLp.Build(Model, Optimum());
        var local = Enumerable.Range(1, routes.Model.RowCount).Select(i => (double)i).ToArray();

        var y = routes.RowDuals(local, holds: 3);

        Assert.Equal(Model.RowCount + 3, y.Length);
        Assert.Equal(local.Sum(), y.Sum());
        Assert.Equal(routes.Model.RowCount, y.Count(v => v != 0));
        Assert.All(y[Model.RowCount..], v => Assert.Equal(0, v));
    }
}
