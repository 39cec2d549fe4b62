using Allocator.Solver.Backends;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;
using Allocator.Solver.Staging;

namespace Allocator.Tests.Solver;

/// <summary>
/// A large LP's dual simplex solve runs HiGHS's parallel variant on two threads, on a thread of its own
/// (Backends/HighsParallelDual.cs). It must take the serial solve's path to its point, so that a plan never depends on
/// which of the two ran, and it must not clash with HiGHS's per-thread scheduler, which a serial solve on the same
/// thread has already set to one thread.
/// </summary>
public class ParallelDualTests
{
    // Preset L's value stage: 3,006 rows, above HighsParallelDual.MinimumRows; about half a second.
    internal static readonly Lazy<LpModel> Large = new(() =>
        new PooledFormulation(ProblemBuilder.Build(Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset("L"), 1))).Model);

    private static (SessionStatus Status, double[] Primal, long? Iterations, int Parallel) SolveValue(LpModel model, bool parallel)
    {
        using var session = new HighsSession(model) { ParallelDual = parallel };
        session.SetObjective(model.ValueCoefficient, maximize: true);
        var status = session.Solve(null);
        return (status, session.Primal(), session.Iterations, session.ParallelDualSolves);
    }

    [Fact]
    public void LargeValueStage_ParallelAndSerial_TakeTheSameIterationsToTheSamePoint()
    {
        Assert.True(HighsParallelDual.Suits(Large.Value.RowCount));

        var parallel = SolveValue(Large.Value, parallel: true);
        var serial = SolveValue(Large.Value, parallel: false);

        Assert.Equal(SessionStatus.Optimal, parallel.Status);
        Assert.Equal(SessionStatus.Optimal, serial.Status);
        Assert.Equal(1, parallel.Parallel);
        Assert.Equal(0, serial.Parallel);
        Assert.Equal(serial.Iterations, parallel.Iterations);
        // Bit for bit, not within a tolerance: the plan's bytes must not depend on which solve ran.
        Assert.Equal(serial.Primal, parallel.Primal);
    }

    [Fact]
    public void SmallLp_StaysSerial()
    {
        var model = new PooledFormulation(ProblemBuilder.Build(Examples.Request(Examples.TwoDonors))).Model;
        Assert.False(HighsParallelDual.Suits(model.RowCount));

        var solved = SolveValue(model, parallel: true);

        Assert.Equal(SessionStatus.Optimal, solved.Status);
        Assert.Equal(0, solved.Parallel);
    }

    [Fact]
    public void ParallelSolves_AfterSerialOnesOnTheSameThreads_AndSideBySide_AllReachTheSameOptimum()
    {
        var small = new PooledFormulation(ProblemBuilder.Build(Examples.Request(Examples.TwoDonors))).Model;
        var expected = SolveValue(Large.Value, parallel: false);

        var first = new SessionStatus[3];
        var results = new (SessionStatus Status, double[] Primal, long? Iterations, int Parallel)[first.Length];
        var threads = Enumerable.Range(0, first.Length).Select(i => new Thread(() =>
        {
            // A serial solve first sets this thread's HiGHS scheduler to one thread; the parallel one must still run.
            first[i] = SolveValue(small, parallel: true).Status;
            results[i] = SolveValue(Large.Value, parallel: true);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(first, status => Assert.Equal(SessionStatus.Optimal, status));
        Assert.All(results, r =>
        {
            Assert.Equal(SessionStatus.Optimal, r.Status);
            Assert.Equal(1, r.Parallel);
            Assert.Equal(expected.Primal, r.Primal);
        });
    }
}
