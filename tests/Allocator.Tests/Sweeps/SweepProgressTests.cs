using System.Diagnostics;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Sweeps;

/// <summary>A fact that needs util-linux <c>script</c> (a pseudo-terminal), skipped with the reason when it is missing.</summary>
public sealed class TerminalFactAttribute : FactAttribute
{
    public const string Script = "/usr/bin/script";

    public TerminalFactAttribute()
    {
        if (!File.Exists(Script)) Skip = "util-linux 'script' is not installed (apt-get install bsdutils)";
    }
}

/// <summary>The progress bar: drawn on a terminal, absent when stderr is redirected.</summary>
public class SweepProgressTests
{
    [TerminalFact]
    public void OnATerminal_AProgressBarIsDrawn_OnStderr()
    {
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, SweepFixtures.SixScenarios);
        var command = $"'{CliRunner.DotnetHost()}' '{CliRunner.AllocatorDll}' sweep '{manifest}' -o '{dir.File("out")}' 2>&1 >/dev/null";
        var info = new ProcessStartInfo(TerminalFactAttribute.Script) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-qec", command, "/dev/null" }) info.ArgumentList.Add(arg);

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the sweep under script did not finish");
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, output.Result);
        Assert.Contains("\u001b[", output.Result); // drawn with terminal escapes
        Assert.Contains("100%", output.Result);
        Assert.Contains("6 scenario(s), 0 already solved, 6 solved now", output.Result);
    }

    [Fact]
    public void StderrRedirected_OnlyTheSummaryLine()
    {
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, SweepFixtures.SixScenarios);

        var run = CliRunner.Run(dir.Path, null, "sweep", manifest, "-o", dir.File("out"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.Equal($"allocator: sweep shard 0/1: 6 scenario(s), 0 already solved, 6 solved now; results in {dir.File("out")}\n", run.Stderr.Replace("\r\n", "\n"));
    }
}
