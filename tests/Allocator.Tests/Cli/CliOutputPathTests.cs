namespace Allocator.Tests.Cli;

/// <summary>
/// Output paths are checked before any work (issue 11, items 2 and 4): an output that is an input or another
/// output, by real path, is refused with exit 2 and the input is left as it was; an output that cannot be
/// written (a missing folder, a folder, /proc) is refused with exit 2 naming the path as given, not reported
/// as an internal error after the solve.
/// </summary>
public class CliOutputPathTests
{
    private static readonly string Example = Solver.Examples.PathOf(Solver.Examples.TwoDonors);

    [Theory]
    [InlineData("solve plan.json -o plan.json", "-o 'plan.json' is the input")]
    [InlineData("solve plan.json -o ./sub/../plan.json", "-o './sub/../plan.json' is the input")]
    [InlineData("solve plan.json -o link.json", "-o 'link.json' is the input")]
    [InlineData("solve plan.json -o out.json --report plan.json", "--report 'plan.json' is the input")]
    [InlineData("solve plan.json -o out.json --report out.json", "--report 'out.json' is the same file as -o 'out.json'")]
    [InlineData("solve plan.json -o out.json --report link-to-out.json", "--report 'link-to-out.json' is the same file as -o 'out.json'")]
    [InlineData("explain plan.json -o plan.json", "-o 'plan.json' is the input")]
    [InlineData("report result.json --request plan.json -o plan.json", "-o 'plan.json' is the input")]
    [InlineData("report result.json --request plan.json -o result.json", "-o 'result.json' is the input")]
    public void Output_IsAnInputOrAnotherOutput_ExitsTwoAndChangesNothing(string commandLine, string expected)
    {
        using var dir = new TempDirectory();
        File.Copy(Example, dir.File("plan.json"));
        Directory.CreateDirectory(dir.File("sub"));
        File.CreateSymbolicLink(dir.File("link.json"), "plan.json");
        File.CreateSymbolicLink(dir.File("link-to-out.json"), "out.json");
        File.WriteAllText(dir.File("result.json"), "{}");
        var before = Snapshot(dir);

        var run = CliRunner.Run(dir.Path, null, commandLine.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.StdoutBytes);
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(dir));
    }

    [Theory]
    [InlineData("missing/out.json", "the folder of -o 'missing/out.json' does not exist")]
    [InlineData("sub", "-o 'sub' is a folder")]
    [InlineData("/proc/allocator-out.json", "cannot write -o '/proc/allocator-out.json'")]
    [InlineData("/proc/self/status", "cannot write -o '/proc/self/status'")]
    public void Output_CannotBeWritten_ExitsTwoBeforeSolvingNamingThePath(string output, string expected)
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("sub"));

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "-o", output);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["sub"], dir.Names());
    }

    // Checked before solving: with an output that cannot be written, even an invalid request is not read.
    [Fact]
    public void Output_CannotBeWritten_IsReportedBeforeTheRequestIsRead()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.json"), "{ not json");

        var run = CliRunner.Run(dir.Path, null, "solve", "bad.json", "--report", "missing/report.html");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("the folder of --report 'missing/report.html' does not exist", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("$", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("explain")]
    public void OtherCommands_OutputFolderMissing_ExitTwo(string command)
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, command, "-o", "missing/out.txt");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("the folder of -o 'missing/out.txt' does not exist", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Every entry: links by target, folders by name, files by the hash of their bytes.</summary>
    private static string[] Snapshot(TempDirectory dir) => dir.Names().Select(n =>
    {
        var path = dir.File(n);
        if (new FileInfo(path).LinkTarget is { } target) return $"{n} -> {target}";
        if (Directory.Exists(path)) return $"{n}/";
        return $"{n}: {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))}";
    }).ToArray();
}
