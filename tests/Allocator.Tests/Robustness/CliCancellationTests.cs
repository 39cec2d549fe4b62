using Allocator.Tests.Cli;
using Allocator.Tests.Service;

namespace Allocator.Tests.Robustness;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM stop <c>allocator solve</c> cleanly (issue 11, item 3): the process exits by
/// itself (checked by its raw wait status, not only by its exit code, which .NET reports as 130 also for a
/// process killed by SIGINT) with 130 for SIGINT and 143 for SIGTERM, says "cancelled; nothing was written",
/// prints nothing on stdout and leaves no file, whether the signal lands during the solve or while the outputs
/// are being written. Runs alone (it races a child process) in the service tests' serial collection.
/// </summary>
[Collection(TimingSensitive.Name)]
public class CliCancellationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void CliSolve_SignalDuringNationalScaleSolve_ExitsByItselfWithNothingWritten(string signal, int expected)
    {
        using var dir = new TempDirectory();
        var request = dir.File("L.json");
        var generate = CliRunner.Run(dir.Path, null, "generate", "--preset", "L", "--seed", "1", "-o", request);
        Assert.True(generate.ExitCode == 0, generate.ToString());

        // Preset L with every explanation checked by re-solves takes tens of seconds of CPU; start-up about one.
        // Two seconds of CPU puts the signal inside the solve, however loaded the machine is.
        using var cli = new WaitStatusProcess(dir.Path, "solve", request, "--explain", "full", "-o", dir.File("result.json"));
        while (!cli.HasExited && cli.CpuTime() < TimeSpan.FromSeconds(2)) Thread.Sleep(50);
        Assert.False(cli.HasExited, "allocator finished before it could be interrupted");
        cli.Signal(signal);
        var (status, stdout, stderr) = cli.Wait(Limit);

        Assert.True(status == expected << 8, $"{WaitStatusProcess.Describe(status)}, expected to exit with code {expected}\n{stderr}");
        Assert.Contains("allocator: cancelled; nothing was written", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.Equal(["L.json"], dir.Names());
    }

    // The outputs are written last: -o's temporary file is complete, and the --report FIFO has no reader yet, so
    // the CLI waits there; a signal now must remove the temporary file and put nothing in place.
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void CliSolve_SignalWhileWritingOutputs_LeavesNoFile(string signal, int expected)
    {
        using var dir = new TempDirectory();
        var fifo = dir.File("report-pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!) mkfifo.WaitForExit();
        var example = Solver.Examples.PathOf(Solver.Examples.TwoDonors);

        using var cli = new WaitStatusProcess(dir.Path, "solve", example, "-o", "out.json", "--report", fifo);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!cli.HasExited && !dir.Names().Any(n => n.StartsWith(".out.json.", StringComparison.Ordinal)))
        {
            Assert.True(waited.Elapsed < Limit, "the CLI never started writing its outputs");
            Thread.Sleep(20);
        }
        Assert.False(cli.HasExited, "allocator ended before writing its outputs");
        cli.Signal(signal);
        var (status, stdout, stderr) = cli.Wait(Limit);

        Assert.True(status == expected << 8, $"{WaitStatusProcess.Describe(status)}, expected to exit with code {expected}\n{stderr}");
        Assert.Contains("allocator: cancelled; nothing was written", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.Equal(["report-pipe"], dir.Names());
    }
}
