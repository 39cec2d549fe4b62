using Allocator.Solver.Backends;
using Allocator.Solver.Lp;
using Allocator.Solver.Staging;

namespace Allocator.Tests.Solver;

/// <summary>
/// A wide LP's dual simplex perturbs its costs less (<see cref="HighsCostPerturbation"/>), so that fewer dual
/// infeasibilities are left for the serial primal cleanup; that changes the path, never the optimum.
/// </summary>
public class CostPerturbationTests
{
    [Theory]
    [InlineData(2_000, 100, 0.25)]
    [InlineData(1_999, 100, 1.0)]
    [InlineData(540_979, 21_555, 0.25)] // research-pooled
    [InlineData(119_742, 22_117, 1.0)]  // national
    [InlineData(5, 0, 1.0)]
    public void Multiplier_IsAQuarterOnlyFromTwentyColumnsPerRow(int columns, int rows, double expected) =>
        Assert.Equal(expected, HighsCostPerturbation.Multiplier(columns, rows));

    [Fact]
    public void WideValueStage_PerturbedLess_ReachesTheOptimumOfTheDefault()
    {
        // Preset L's value stage (ParallelDualTests'): 79,527 columns on 3,006 rows, 26 per row: wide.
        var model = ParallelDualTests.Large.Value;
        using var less = new HighsSession(model);
        using var standard = new HighsSession(model) { CostPerturbation = 1.0 };
        Assert.Equal(HighsCostPerturbation.WideMultiplier, less.CostPerturbation);

        foreach (var session in new[] { less, standard })
        {
            session.SetObjective(model.ValueCoefficient, maximize: true);
            Assert.Equal(SessionStatus.Optimal, session.Solve(null));
        }

        Assert.Equal(standard.Objective(), less.Objective(), 1e-9 * Math.Abs(standard.Objective()));
        Assert.Empty(Violations(model, less.Primal()));
    }

    [Fact]
    public void NarrowLp_KeepsHiGHSsDefault()
    {
        var model = new LpModel();
        var x = model.AddColumn(0, 1, value: 1);
        var row = model.AddRow(double.NegativeInfinity, 1);
        model.AddTerm(row, x, 1);

        using var session = new HighsSession(model);

        Assert.Equal(1.0, session.CostPerturbation);
    }

    private static List<string> Violations(LpModel model, double[] x)
    {
        var problems = new List<string>();
        var activity = model.RowActivities(x);
        for (var i = 0; i < model.RowCount; i++)
            if (activity[i] < model.RowLower(i) - 1e-7 || activity[i] > model.RowUpper(i) + 1e-7) problems.Add($"row {i}: {activity[i]}");
        for (var j = 0; j < model.ColumnCount; j++)
            if (x[j] < model.ColumnLower(j) - 1e-7 || x[j] > model.ColumnUpper(j) + 1e-7) problems.Add($"column {j}: {x[j]}");
        return problems;
    }
}
