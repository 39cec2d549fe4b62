using System.Text;
using Allocator.Solver;
using Allocator.Tests.Cli;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Robustness;

/// <summary>
/// Size caps (Limits/ModelLimits.cs): a request over a cap is an input error that says what to reduce, found
/// before anything large is built; the caps are configurable in SolveOptions and on the command line. Time limits
/// are covered by TimeLimitTests (feasible or not_solved with a message, never a hang).
/// </summary>
public class LimitsTests
{
    private static byte[] Ukraine => Encoding.UTF8.GetBytes(Examples.Json(Examples.Ukraine2024));

    [Fact]
    public void Solve_RequestOverByteCap_IsRejectedSayingWhatToReduce()
    {
        var outcome = AllocationEngine.Solve(Ukraine, new SolveOptions { MaxRequestBytes = 1000 });

        Assert.Null(outcome.Result);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("more than the limit of 1,000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("split it into smaller requests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_ModelOverVariableCap_IsRejectedNamingTheListToReduce()
    {
        var outcome = AllocationEngine.Solve(Ukraine, new SolveOptions { MaxVariables = 50 });

        Assert.Null(outcome.Result);
        var error = Assert.Single(outcome.Errors);
        Assert.StartsWith("$.", error.Path, StringComparison.Ordinal);
        Assert.Contains("more than the limit of 50", error.Message, StringComparison.Ordinal);
        Assert.Contains("reduce the number of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_ModelOverNonZeroCap_IsRejected()
    {
        var outcome = AllocationEngine.Solve(Ukraine, new SolveOptions { MaxNonZeros = 100 });

        Assert.Null(outcome.Result);
        Assert.Contains(outcome.Errors, e => e.Message.Contains("non-zeros, more than the limit of 100", StringComparison.Ordinal));
    }

    [Fact]
    public void Solve_EstimateIsAnUpperBoundOfTheBuiltModel()
    {
        // The caps must never reject what they let through by a wide margin, nor let through more than they say.
        var request = Examples.Request(Examples.Ukraine2024);
        var estimate = Allocator.Solver.Limits.ModelLimits.Estimate(request, FormulationKind.Pooled);
        var result = AllocationEngine.Solve(request);

        Assert.InRange(result.Diagnostics.Variables, 1, estimate.Variables);
    }

    [Fact]
    public void Solve_NonPositiveCapOption_IsAnInputError()
    {
        var outcome = AllocationEngine.Solve(Ukraine, new SolveOptions { MaxVariables = 0 });

        Assert.Null(outcome.Result);
        Assert.Contains(outcome.Errors, e => e.Message.Contains("MaxVariables", StringComparison.Ordinal));
    }

    [Fact]
    public void CliSolve_MaxRequestBytesFlag_ExitsTwoWithTheLimitOnStderr()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", Examples.PathOf(Examples.Ukraine2024), "--max-request-bytes", "1000", "-o", dir.File("r.json"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.Contains("more than the limit of 1,000 bytes", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(dir.Names());
    }

    [Fact]
    public void CliSolve_MaxVariablesFlag_ExitsTwoSayingWhatToReduce()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", Examples.PathOf(Examples.Ukraine2024), "--max-variables", "50", "--max-non-zeros", "100000");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.Contains("reduce the number of", run.Stderr, StringComparison.Ordinal);
    }
}
