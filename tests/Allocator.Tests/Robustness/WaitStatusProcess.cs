using System.Diagnostics;
using System.Globalization;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Robustness;

/// <summary>
/// Runs <c>allocator</c> under a small perl parent that reports the raw wait status, which .NET's
/// <see cref="Process.ExitCode"/> hides: it gives 130 both for a process that exited with 130 and for one killed
/// by SIGINT. A status of <c>code &lt;&lt; 8</c> means the process exited by itself; a status below 128 is the
/// number of the signal that killed it. (perl is part of every Debian system.)
/// </summary>
internal sealed class WaitStatusProcess : IDisposable
{
    // The child restores the default action of SIGINT and SIGTERM (a parent may have ignored them) before exec.
    private const string Script = """
        my $f = shift;
        my $p = fork // die "fork: $!";
        if (!$p) { $SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die "exec: $!"; }
        open(my $h, '>', "$f.pid.tmp") or die; print $h "$p\n"; close $h; rename("$f.pid.tmp", "$f.pid");
        waitpid($p, 0);
        open($h, '>', "$f.status.tmp") or die; print $h "$?\n"; close $h; rename("$f.status.tmp", "$f.status");
        """;

    private readonly TempDirectory _files = new();
    private readonly Process _perl;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public WaitStatusProcess(string workingDirectory, params string[] allocatorArgs)
    {
        var info = new ProcessStartInfo("perl")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-e", Script, _files.File("child"), CliRunner.DotnetHost(), CliRunner.AllocatorDll }.Concat(allocatorArgs))
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _perl = Process.Start(info)!;
        _stdout = _perl.StandardOutput.ReadToEndAsync();
        _stderr = _perl.StandardError.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(_files.File("child.pid")))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "perl did not start allocator");
            Thread.Sleep(10);
        }
        Pid = int.Parse(File.ReadAllText(_files.File("child.pid")).Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The allocator process.</summary>
    public int Pid { get; }

    public bool HasExited => File.Exists(_files.File("child.status"));

    /// <summary>CPU time the allocator process has used so far (user + system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command name: state is field 3, utime field 14 and stime field 15 (in clock ticks, 100 per second).
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return TimeSpan.Zero; // exited
        }
    }

    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, Pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Waits for the allocator to end; the raw wait status and what it printed.</summary>
    public (int Status, string Stdout, string Stderr) Wait(TimeSpan limit)
    {
        if (!_perl.WaitForExit(limit))
        {
            Signal("KILL");
            _perl.Kill();
            Assert.Fail($"allocator did not end within {limit.TotalSeconds} s");
        }
        var status = int.Parse(File.ReadAllText(_files.File("child.status")).Trim(), CultureInfo.InvariantCulture);
        return (status, _stdout.Result, _stderr.Result);
    }

    /// <summary>A wait status in words, for assertion messages.</summary>
    public static string Describe(int status) =>
        (status & 0x7F) == 0 ? $"exited with code {status >> 8}" : $"killed by signal {status & 0x7F}";

    public void Dispose()
    {
        if (!_perl.HasExited)
        {
            Signal("KILL");
            _perl.WaitForExit(5000);
        }
        _perl.Dispose();
        _files.Dispose();
    }
}
