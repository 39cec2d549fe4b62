using System.Diagnostics;
using Allocator.Tests.Cli;
using Allocator.Tests.Service;

namespace Allocator.Tests.Robustness;

/// <summary>
/// Ctrl-C during <c>allocator solve</c> on a national-scale request (preset L with --explain full, tens of seconds of solving): the
/// solver is interrupted, the command exits 130, prints nothing on stdout and leaves no partial <c>-o</c> file.
/// Runs alone (it races a child process) in the service tests' serial collection.
/// </summary>
[Collection(TimingSensitive.Name)]
public class CliCancellationTests
{
    [Fact]
    public async Task CliSolve_SigintDuringSolve_Exits130WithNothingWritten()
    {
        using var dir = new TempDirectory();
        var request = dir.File("L.json");
        var generate = CliRunner.Run(dir.Path, null, "generate", "--preset", "L", "--seed", "1", "-o", request);
        Assert.True(generate.ExitCode == 0, generate.ToString());

        var info = new ProcessStartInfo(CliRunner.DotnetHost())
        {
            WorkingDirectory = dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { CliRunner.AllocatorDll, "solve", request, "--explain", "full", "-o", dir.File("result.json") }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // Preset L with every explanation checked by re-solves takes tens of seconds (the plan itself about two);
        // interrupt it after one. (If a machine ever finished in under a second the exit code would be 0, and the
        // message below says so.)
        await Task.Delay(TimeSpan.FromSeconds(1));
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stopped = true;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            stopped = false;
            process.Kill(entireProcessTree: true);
        }
        var (outText, errText) = (await stdout, await stderr);

        Assert.True(stopped, "allocator solve did not stop within 60 s of SIGINT");
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode} (0 means the solve finished before the signal)\n{errText}");
        Assert.Equal("", outText);
        Assert.DoesNotContain("   at ", errText, StringComparison.Ordinal);
        Assert.Equal(["L.json"], dir.Names());
    }
}
