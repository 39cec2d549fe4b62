using Allocator.Models;
using Allocator.Solver;
using Allocator.Solver.Backends;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;
using Allocator.Solver.Staging;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// A numerical failure is never the user's problem: when a backend fails a stage, or claims an optimum that is not
/// one, the staged solve recovers with the next strategy or backend, reaches the same optimum, and says so in its
/// path. The failures are injected by wrapping the real sessions (<see cref="FailingSession"/>), so each recovery
/// step is exercised on demand rather than waiting for a request that happens to trip HiGHS.
/// </summary>
public class RecoveryTests
{
    private static LpModel Model() =>
        new PooledFormulation(ProblemBuilder.Build(Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset("S"), 3))).Model;

    private static LpOutcome Solve(LpModel model, Func<ILpSession, ILpSession>? wrap = null, string backend = "highs") =>
        StagedSolver.Solve(model, backend, null, CancellationToken.None,
            open: (m, b) => wrap is null || b != backend ? LpSessions.Open(m, b) : wrap(LpSessions.Open(m, b)));

    [Fact]
    public void Solve_WarmSimplexFailsInMoneyStage_RecoversFromScratchWithTheSameOptimum()
    {
        var model = Model();
        var clean = Solve(model);
        // The money stage runs on the value's optimal face first (Staging/OptimalFace.cs): its failure there releases the
        // face and runs the same strategy on the whole LP (solve 2); when that fails too, the next strategy recovers.
        var recovered = Solve(model, s => new FailingSession(s) { FailSolves = [1, 2], Failure = SessionStatus.Failed });

        Assert.Equal(LpStatus.Optimal, recovered.Status);
        Assert.Contains("money: highs, simplex failed numerically on the optimal face; released; simplex failed numerically; recovered by dual simplex from scratch",
            recovered.Path);
        AssertSameOptimum(model, clean, recovered);
    }

    [Fact]
    public void Solve_StageFailsOnTheOptimalFace_ReleasedAndSolvedOnTheWholeLp()
    {
        var model = Model();
        var clean = Solve(model);
        Assert.Contains(clean.Path, step => step.StartsWith("money: highs, simplex, on the optimal face (", StringComparison.Ordinal));
        var recovered = Solve(model, s => new FailingSession(s) { FailSolves = [1], Failure = SessionStatus.Failed });

        Assert.Equal(LpStatus.Optimal, recovered.Status);
        Assert.Contains("money: highs, simplex failed numerically on the optimal face; released; recovered by simplex", recovered.Path);
        AssertSameOptimum(model, clean, recovered);
    }

    [Fact]
    public void Solve_BackendGivesUpOnAnOptimalPoint_TheCertificateAcceptsIt()
    {
        var model = Model();
        var clean = Solve(model);
        // HiGHS's primal simplex at 1e-9 tolerances ends "unknown" on national-scale money stages while its point is
        // optimal: the staged solve checks the point and its duals itself instead of starting again.
        var accepted = Solve(model, s => new FailingSession(s) { FailSolves = [1], KeepsPoint = true });

        Assert.Equal(LpStatus.Optimal, accepted.Status);
        Assert.Contains(accepted.Path, step => step.StartsWith("money: highs, simplex ended without proving its optimum; the certificate proves it optimal", StringComparison.Ordinal));
        AssertSameOptimum(model, clean, accepted);
    }

    [Fact]
    public void Solve_BackendGivesUpOnAPointThatIsNotOptimal_RecoversWithTheNextStrategy()
    {
        var model = Model();
        var clean = Solve(model);
        var recovered = Solve(model, s => new FailingSession(s) { FailSolves = [0], ShrinkSolves = [0], KeepsPoint = true });

        Assert.Equal(LpStatus.Optimal, recovered.Status);
        Assert.Contains(recovered.Path, step => step.StartsWith("value: highs, simplex failed numerically (its point: its objective is", StringComparison.Ordinal)
            && step.EndsWith("; recovered by dual simplex from scratch", StringComparison.Ordinal));
        AssertSameOptimum(model, clean, recovered);
    }

    [Fact]
    public void Solve_TieRuleReachesItsShareOfTheWork_ThePlanBeforeItStands()
    {
        var model = new PooledFormulation(ProblemBuilder.Build(Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset("S"), 3)), tieRule: true).Model;
        var clean = Solve(model);
        // A session that, once capped, spends the whole cap and stops, as HiGHS does at simplex_iteration_limit.
        var capped = Solve(model, s => new CappedSession(s));

        Assert.Equal(LpStatus.Optimal, capped.Status);
        Assert.Contains(capped.Path, step => step.StartsWith("tie rule: highs, simplex", StringComparison.Ordinal) && step.Contains(": stopped after ", StringComparison.Ordinal)
            && step.EndsWith(" simplex iterations, its share of the work", StringComparison.Ordinal));
        Assert.Contains("tie rule: not applied; the plan is the one before it", capped.Path);
        AssertSameOptimum(model, clean, capped);
    }

    [Fact]
    public void Solve_MoneyStageWarmSolveSpendsItsShare_StartsAgainFromScratchWithTheSameOptimum()
    {
        var model = Model();
        var clean = Solve(model);
        // The money stage's warm solve is the only one capped here (no tie rule): it spends its share and stops, as
        // HiGHS does at simplex_iteration_limit; the stage goes on with dual simplex from scratch, on the same face.
        var capped = Solve(model, s => new CappedSession(s));

        Assert.Equal(LpStatus.Optimal, capped.Status);
        Assert.Contains(capped.Path, step => step.StartsWith($"money: highs, simplex for {StagedSolver.WarmShare(model.RowCount):N0} iterations, then dual simplex at default tolerances", StringComparison.Ordinal));
        Assert.Equal(StagedSolver.WarmIterations, StagedSolver.WarmShare(model.RowCount));
        Assert.DoesNotContain(capped.Path, step => step.Contains("failed", StringComparison.Ordinal) || step.Contains("claimed", StringComparison.Ordinal));
        AssertSameOptimum(model, clean, capped);
    }

    [Fact]
    public void Solve_ChangeStageReachesItsShareOfTheWork_FeasibleWithTheMoneyStagesPlan()
    {
        var request = Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset("S"), 3);
        var first = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });
        var replan = ReplanRequests.MonthLater(request, first, seed: 2);
        var model = new PooledFormulation(ProblemBuilder.Build(replan)).Model;
        Assert.True(model.HasChangeObjective);
        var clean = Solve(model);
        // A session that, once capped, spends the whole cap and stops, as HiGHS does at simplex_iteration_limit: the
        // change stage's share runs out (after its warm share), and the plan is the money stage's.
        var capped = Solve(model, s => new CappedSession(s));

        Assert.Equal(LpStatus.Optimal, clean.Status);
        Assert.Equal(LpStatus.Feasible, capped.Status);
        Assert.EndsWith("the change from the previous plan was not minimised: the solver ran out of the stage's share of the work", capped.Message, StringComparison.Ordinal);
        Assert.Contains(capped.Path, step => step.StartsWith("change: highs, simplex", StringComparison.Ordinal)
            && step.EndsWith(" simplex iterations, its share of the work", StringComparison.Ordinal));
        // Value and money are still optimal.
        var tolerance = 1e-7 * (1 + Math.Abs(model.Value(clean.Primal!)));
        Assert.Equal(model.Value(clean.Primal!), model.Value(capped.Primal!), tolerance);
        Assert.Equal(Money(model, clean.Primal!), Money(model, capped.Primal!), 1e-7 * (1 + Money(model, clean.Primal!)));
    }

    private static double Money(LpModel model, double[] x) => Enumerable.Range(0, model.ColumnCount).Sum(j => model.MoneyCoefficient(j) * x[j]);

    [Fact]
    public void WarmShare_GrowsWithTheRowsBeyondItsFloor()
    {
        Assert.Equal(StagedSolver.WarmIterations, StagedSolver.WarmShare(0));
        Assert.Equal(StagedSolver.WarmIterations, StagedSolver.WarmShare((int)(StagedSolver.WarmIterations * StagedSolver.WarmRowsPerIteration)));
        Assert.Equal(1_105, StagedSolver.WarmShare(22_117)); // national's LP
    }

    /// <summary>Spends every iteration it is allowed and stops: a capped solve (the tie stage, the money stage's warm one) reaches its cap at once.</summary>
    private sealed class CappedSession(ILpSession inner) : PassThroughSession(inner)
    {
        private long _extra;
        private long? _limit;

        public override long? Iterations => base.Iterations + _extra;
        public override void LimitIterations(long? iterations) => _limit = iterations;

        public override SessionStatus Solve(TimeSpan? timeLimit)
        {
            if (_limit is not { } limit) return base.Solve(timeLimit);
            _extra += limit;
            return SessionStatus.StoppedWithPlan;
        }
    }

    [Fact]
    public void Solve_BackendClaimsAWrongOptimum_CheckRejectsItAndRecovers()
    {
        var model = Model();
        var clean = Solve(model);
        // The value stage's first answer is claimed optimal but is only 90% of the optimal point: the check must see
        // that its objective is far from the bound the duals prove, and solve again.
        var recovered = Solve(model, s => new FailingSession(s) { ShrinkSolves = [0] });

        Assert.Equal(LpStatus.Optimal, recovered.Status);
        Assert.Contains(recovered.Path, step => step.Contains("claimed an optimum, but", StringComparison.Ordinal));
        AssertSameOptimum(model, clean, recovered);
    }

    [Fact]
    public void Solve_EveryHighsStrategyFails_RecoversOnGlop()
    {
        var model = Model();
        var clean = Solve(model);
        var recovered = Solve(model, s => new FailingSession(s) { FailSolves = [.. Enumerable.Range(0, 100)], Failure = SessionStatus.Infeasible });

        Assert.Equal(LpStatus.Optimal, recovered.Status);
        Assert.Equal("glop", recovered.Backend);
        Assert.Contains(recovered.Path, step => step.StartsWith("value: highs, simplex wrongly reported the problem infeasible", StringComparison.Ordinal));
        Assert.Contains(recovered.Path, step => step.StartsWith("value: glop", StringComparison.Ordinal));
        AssertSameOptimum(model, clean, recovered);
    }

    [Fact]
    public void Solve_TimeLimitStopsTheStage_NoRecoveryIsAttempted()
    {
        var model = Model();
        var stopped = Solve(model, s => new FailingSession(s) { FailSolves = [0], Failure = SessionStatus.StoppedWithoutPlan });

        Assert.Equal(LpStatus.NotSolved, stopped.Status);
        Assert.Equal("highs", stopped.Backend);
        Assert.Single(stopped.Path);
    }

    private static void AssertSameOptimum(LpModel model, LpOutcome clean, LpOutcome recovered)
    {
        var value = model.Value(clean.Primal);
        Assert.True(Math.Abs(model.Value(recovered.Primal) - value) <= 1e-7 * Math.Max(1, value), $"value {model.Value(recovered.Primal)} vs {value}");
        double Money(double[]? x) => Enumerable.Range(0, model.ColumnCount).Sum(j => model.MoneyCoefficient(j) * x![j]);
        Assert.True(Math.Abs(Money(recovered.Primal) - Money(clean.Primal)) <= 1e-7 * Math.Max(1, Money(clean.Primal)));
        Assert.Equal(model.StageCount + 1, recovered.Verdicts.Count);
        Assert.All(recovered.Verdicts, v => Assert.True(v.Passed));
    }

    /// <summary>A real session that fails the solves whose numbers are listed, or returns a shrunken point for them.</summary>
    private sealed class FailingSession(ILpSession inner) : PassThroughSession(inner)
    {
        private int _solve = -1;
        private bool _shrink;

        public HashSet<int> FailSolves { get; init; } = [];
        public HashSet<int> ShrinkSolves { get; init; } = [];
        public SessionStatus Failure { get; init; } = SessionStatus.Failed;

        /// <summary>Off by default: the point of an injected failure is the real optimum, and the tests above want the fallback.</summary>
        public bool KeepsPoint { get; init; }

        public override bool KeepsPointOnFailure => KeepsPoint;

        public override SessionStatus Solve(TimeSpan? timeLimit)
        {
            var status = base.Solve(timeLimit);
            _solve++;
            _shrink = ShrinkSolves.Contains(_solve);
            return FailSolves.Contains(_solve) ? Failure : status;
        }

        public override double[] Primal() => _shrink ? [.. base.Primal().Select(x => 0.9 * x)] : base.Primal();
    }

    /// <summary>A real session, every call passed through; the fakes above override what they change.</summary>
    private class PassThroughSession(ILpSession inner) : ILpSession
    {
        public string Backend => inner.Backend;
        public IReadOnlyList<SolveStrategy> Strategies => inner.Strategies;
        public virtual bool KeepsPointOnFailure => inner.KeepsPointOnFailure;
        public virtual long? Iterations => inner.Iterations;
        public virtual void LimitIterations(long? iterations) => inner.LimitIterations(iterations);
        public void Use(SolveStrategy strategy) => inner.Use(strategy);
        public void SetObjective(Func<int, double> coefficients, bool maximize) => inner.SetObjective(coefficients, maximize);
        public virtual SessionStatus Solve(TimeSpan? timeLimit) => inner.Solve(timeLimit);
        public virtual double[] Primal() => inner.Primal();
        public double Objective() => inner.Objective();
        public int AddAtLeastRow(Func<int, double> coefficients, double lower) => inner.AddAtLeastRow(coefficients, lower);
        public void SetRowLower(int row, double lower) => inner.SetRowLower(row, lower);
        public double RowUpper(int row) => inner.RowUpper(row);
        public void SetRowUpper(int row, double upper) => inner.SetRowUpper(row, upper);
        public void SetRowBounds(int row, double lower, double upper) => inner.SetRowBounds(row, lower, upper);
        public double ColumnUpper(int column) => inner.ColumnUpper(column);
        public void SetColumnUpper(int column, double upper) => inner.SetColumnUpper(column, upper);
        public double ColumnLower(int column) => inner.ColumnLower(column);
        public void SetColumnBounds(int column, double lower, double upper) => inner.SetColumnBounds(column, lower, upper);
        public (double[] RowDuals, double[] ReducedCosts)? Duals() => inner.Duals();
        public void Interrupt() => inner.Interrupt();
        public void Dispose() => inner.Dispose();
    }
}
