using System.Diagnostics;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Sweeps;

/// <summary>
/// Starts the real <c>allocator</c> as a child process with a chosen environment, so that shards run as separate
/// processes (as pods of an Indexed Job do) and a run can be killed with SIGKILL part-way.
/// </summary>
internal sealed class SweepProcess : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private SweepProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static SweepProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(CliRunner.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliRunner.AllocatorDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove("JOB_COMPLETION_INDEX");
        info.Environment.Remove("ALLOCATOR_SWEEP_SHARDS");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var process = Process.Start(info)!;
        process.StandardInput.Close();
        return new SweepProcess(process);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: the process gets no chance to clean up, like an OOM kill or a node lost under a pod.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public CliRun Wait()
    {
        if (!_process.WaitForExit(Limit))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"allocator did not finish within {Limit.TotalSeconds} s");
        }
        _process.WaitForExit();
        return new CliRun(_process.ExitCode, System.Text.Encoding.UTF8.GetBytes(_stdout.Result), _stderr.Result);
    }

    public static CliRun Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        return process.Wait();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
