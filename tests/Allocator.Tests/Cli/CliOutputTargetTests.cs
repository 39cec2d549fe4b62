using System.Diagnostics;
using System.Text.Json;

namespace Allocator.Tests.Cli;

/// <summary>
/// Every file the CLI writes follows one rule (issue 16, part 1; solver/Allocator.Cli/Io/OutputTarget.cs): a
/// device or a FIFO is written in place, never replaced by a regular file; a symbolic link is followed and the
/// file it points to is replaced (a link to a missing file creates it); the link stays a link. Tests run as
/// root in CI, so a null device can be made with mknod in a temporary folder rather than touching /dev/null.
/// </summary>
public class CliOutputTargetTests
{
    private static readonly string Example = Solver.Examples.PathOf(Solver.Examples.TwoDonors);

    [MknodTheory]
    [InlineData("-o")]
    [InlineData("--report")]
    public void Output_NullDevice_IsWrittenInPlaceAndStaysADevice(string option)
    {
        using var dir = new TempDirectory();
        var device = dir.File("null");
        Assert.Equal(0, Run("mknod", device, "c", "1", "3"));

        string[] args = option == "-o"
            ? ["solve", Example, "--explain", "none", "-o", device]
            : ["solve", Example, "--explain", "none", "-o", dir.File("out.json"), option, device];
        var run = CliRunner.Run(dir.Path, null, args);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(IsCharacterDevice(device), $"{device} is no longer a character device");
        Assert.Equal(0, new FileInfo(device).Length);
        Assert.DoesNotContain(dir.Names(), n => n.EndsWith(".tmp", StringComparison.Ordinal));
    }

    // Both outputs onto one device is allowed: a null device takes anything. (Never the machine's own /dev/null:
    // a CLI with the old defect would replace it with a regular file for everyone.)
    [MknodFact]
    public void Output_SameDeviceTwice_IsAllowed()
    {
        using var dir = new TempDirectory();
        var device = dir.File("null");
        Assert.Equal(0, Run("mknod", device, "c", "1", "3"));

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "--explain", "none", "-o", device, "--report", device);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(IsCharacterDevice(device));
    }

    [Fact]
    public async Task Output_Fifo_IsWrittenInPlaceForItsReader()
    {
        using var dir = new TempDirectory();
        var fifo = dir.File("pipe");
        Assert.Equal(0, Run("mkfifo", fifo));
        var reader = Task.Run(() => File.ReadAllBytes(fifo)); // blocks until the CLI opens the FIFO for writing

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "--explain", "none", "-o", fifo);

        Assert.True(run.ExitCode == 0, run.ToString());
        var bytes = await reader.WaitAsync(TimeSpan.FromSeconds(60));
        using var document = JsonDocument.Parse(bytes);
        Assert.Equal("optimal", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, Run("test", "-p", fifo)); // still a FIFO
        Assert.Equal(["pipe"], dir.Names());
    }

    [Theory]
    [InlineData("solve")]
    [InlineData("generate")]
    [InlineData("report")]
    public void Output_Symlink_ReplacesTheFileItPointsToAndStaysALink(string command)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("elsewhere"));
        File.WriteAllText(dir.File("elsewhere/target.out"), "old");
        File.CreateSymbolicLink(dir.File("link.out"), "elsewhere/target.out");

        var run = RunWriting(dir, command, "link.out");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("elsewhere/target.out", new FileInfo(dir.File("link.out")).LinkTarget);
        Assert.NotEqual("old", File.ReadAllText(dir.File("elsewhere/target.out")));
        Assert.Equal(["target.out"], Directory.GetFileSystemEntries(dir.File("elsewhere")).Select(Path.GetFileName));
    }

    [Fact]
    public void Output_SymlinkToMissingFile_CreatesTheFileItNames()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("elsewhere"));
        File.CreateSymbolicLink(dir.File("link.json"), dir.File("elsewhere/new.json"));

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "--explain", "none", "-o", "link.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(dir.File("elsewhere/new.json"), new FileInfo(dir.File("link.json")).LinkTarget);
        using var document = JsonDocument.Parse(File.ReadAllBytes(dir.File("elsewhere/new.json")));
        Assert.Equal("optimal", document.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void Output_SymlinkLoop_ExitsTwo()
    {
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(dir.File("a"), "b");
        File.CreateSymbolicLink(dir.File("b"), "a");

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "-o", "a");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("-o 'a'", run.Stderr, StringComparison.Ordinal);
    }

    // A regular file is replaced atomically and keeps its permissions.
    [Fact]
    public void Output_ExistingFile_KeepsItsPermissions()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("out.json"), "old");
        File.SetUnixFileMode(dir.File("out.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "--explain", "none", "-o", "out.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("out.json")));
        Assert.Equal(["out.json"], dir.Names());
    }

    [Fact]
    public void Output_Socket_ExitsTwo()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sock");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "-o", path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("is a socket", run.Stderr, StringComparison.Ordinal);
    }

    // A device that refuses the bytes (a "full" device, 1:7: no space left) ends the command with exit 1 and a
    // message naming it; the device stays a device.
    [MknodFact]
    public void Output_DeviceThatRefusesBytes_ExitsOneNamingIt()
    {
        using var dir = new TempDirectory();
        var device = dir.File("full");
        Assert.Equal(0, Run("mknod", device, "c", "1", "7"));

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "--explain", "none", "-o", "full");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("allocator: cannot write -o 'full'", run.Stderr, StringComparison.Ordinal);
        Assert.True(IsCharacterDevice(device));
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
    }

    private static CliRun RunWriting(TempDirectory dir, string command, string output)
    {
        switch (command)
        {
            case "solve":
                return CliRunner.Run(dir.Path, null, "solve", Example, "--explain", "none", "-o", output);
            case "generate":
                return CliRunner.Run(dir.Path, null, "generate", "-o", output);
            default:
                var solved = CliRunner.Run(dir.Path, null, "solve", Example, "--explain", "none", "-o", dir.File("result.json"));
                Assert.True(solved.ExitCode == 0, solved.ToString());
                var run = CliRunner.Run(dir.Path, null, "report", dir.File("result.json"), "--request", Example, "-o", output);
                File.Delete(dir.File("result.json"));
                return run;
        }
    }

    private static bool IsCharacterDevice(string path) => Run("test", "-c", path) == 0;

    internal static int Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}

/// <summary>A fact that needs <c>mknod</c> to make a device (see <see cref="MknodTheoryAttribute"/>).</summary>
public sealed class MknodFactAttribute : FactAttribute
{
    public MknodFactAttribute()
    {
        if (MknodTheoryAttribute.Problem.Value is { } problem) Skip = problem;
    }
}

/// <summary>A theory that needs <c>mknod</c> to make a null device (root, and a file system that allows devices); skipped with the reason otherwise.</summary>
public sealed class MknodTheoryAttribute : TheoryAttribute
{
    internal static readonly Lazy<string?> Problem = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("allocator-mknod-");
        try
        {
            var device = Path.Combine(dir.FullName, "null");
            var exit = CliOutputTargetTests.Run("mknod", device, "c", "1", "3");
            if (exit != 0) return $"mknod cannot make a character device in {Path.GetTempPath()} (exit {exit}): it needs root";
            try
            {
                using var _ = new FileStream(device, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"a device made in {Path.GetTempPath()} cannot be opened ({e.Message}): the file system is mounted nodev";
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"mknod is not available: {e.Message}";
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    });

    public MknodTheoryAttribute()
    {
        if (Problem.Value is { } problem) Skip = problem;
    }
}
