using Allocator.Solver.Backends;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;
using Allocator.Solver.Staging;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// HiGHS's warm re-solves on the optimal face run first without the columns the face fixed (Backends/HighsFixedColumns.cs),
/// then the whole LP starts from the basis they ended with. The stages must reach the optimum GLOP reaches, which never
/// takes that path, and pass their checks.
/// </summary>
public class FixedColumnsTests
{
    private static (LpOutcome Outcome, int Reduced) SolveOnHighs(LpModel model)
    {
        HighsSession? session = null;
        var outcome = StagedSolver.Solve(model, "highs", null, CancellationToken.None, open: (m, b) =>
        {
            var opened = LpSessions.Open(m, b);
            // The main session is the first one opened (the tie rule's routes open a small one of their own).
            session ??= opened as HighsSession;
            return opened;
        });
        return (outcome, session?.SolvesWithoutFixedColumns ?? 0);
    }

    private static void AssertSameOptimum(LpModel model, LpOutcome highs, LpOutcome glop)
    {
        Assert.Equal(LpStatus.Optimal, highs.Status);
        Assert.Equal(LpStatus.Optimal, glop.Status);
        Assert.All(highs.Verdicts, v => Assert.True(v.Passed, v.Why));
        var value = model.Value(glop.Primal);
        Assert.True(Math.Abs(model.Value(highs.Primal) - value) <= 1e-7 * Math.Max(1, Math.Abs(value)), $"value {model.Value(highs.Primal)} vs {value}");
        double Money(double[]? x) => Enumerable.Range(0, model.ColumnCount).Sum(j => model.MoneyCoefficient(j) * x![j]);
        Assert.True(Math.Abs(Money(highs.Primal) - Money(glop.Primal)) <= 1e-7 * Math.Max(1, Money(glop.Primal)), $"money {Money(highs.Primal)} vs {Money(glop.Primal)}");
    }

    [Fact]
    public void PresetS_MoneyAndTieRuleRunWithoutTheFixedColumns_ReachGlopsOptimum()
    {
        var model = new PooledFormulation(ProblemBuilder.Build(Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset("S"), 3)), tieRule: true).Model;

        var (highs, reduced) = SolveOnHighs(model);
        var glop = StagedSolver.Solve(model, "glop", null, CancellationToken.None);

        Assert.Equal(2, reduced); // the money stage and the tie rule, both on a face that fixes most columns
        Assert.Contains(highs.Path, step => step.StartsWith("tie rule, routes: highs", StringComparison.Ordinal));
        Assert.DoesNotContain(highs.Path, step => step.Contains("not applied", StringComparison.Ordinal) || step.Contains("failed", StringComparison.Ordinal));
        AssertSameOptimum(model, highs, glop);
    }

    [Fact]
    public void RandomRequests_WithoutTheFixedColumns_ReachGlopsOptimum()
    {
        var used = 0;
        for (var seed = 0; seed < 25; seed++)
        {
            var model = new PooledFormulation(ProblemBuilder.Build(RandomRequests.Create(seed)), tieRule: true).Model;
            var (highs, reduced) = SolveOnHighs(model);
            var glop = StagedSolver.Solve(model, "glop", null, CancellationToken.None);
            used += reduced;
            AssertSameOptimum(model, highs, glop);
        }
        // Small random LPs often fix less than HighsFixedColumns.MinimumShare: 22 solves qualified over these 25 when written.
        Assert.True(used >= 10, $"only {used} solves ran without the fixed columns");
    }
}
