namespace Allocator.Tests.Cli;

/// <summary>Standard output shared with the shell and other processes (issue 11, item 1).</summary>
public class CliStdoutTests
{
    private static readonly string Example = Solver.Examples.PathOf(Solver.Examples.TwoDonors);

    // Every Unix tool appends at the offset it shares with the shell; before the fix allocator wrote with pwrite
    // at a position of its own, so each command overwrote the lines before it and the next `echo` overwrote it.
    [Fact]
    public void Stdout_SharedWithShellAndOtherCommands_KeepsEveryLineInOrder()
    {
        using var dir = new TempDirectory();
        File.Copy(Example, dir.File("x.json"));

        var run = CliRunner.RunShell(dir.Path,
            "{ echo A; allocator validate x.json; allocator solve x.json --explain none --format table; echo B; allocator validate x.json; } > log.txt");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = File.ReadAllLines(dir.File("log.txt"));
        Assert.Equal("A", lines[0]);
        Assert.StartsWith("valid: 2 donors", lines[1], StringComparison.Ordinal);
        Assert.Equal("Teaching: two donors, an earmark and a deadline (illustrative figures)", lines[2]);
        var b = Array.IndexOf(lines, "B");
        Assert.True(b > 3, string.Join('\n', lines));
        Assert.Contains(lines[3..b], l => l.StartsWith("Value delivered", StringComparison.Ordinal));
        Assert.StartsWith("valid: 2 donors", lines[b + 1], StringComparison.Ordinal);
        Assert.Equal(b + 2, lines.Length);
    }

    // `>>` and a plain `>` behave alike: the result follows what was already in the file.
    [Fact]
    public void Stdout_AppendedToFile_FollowsExistingContent()
    {
        using var dir = new TempDirectory();
        File.Copy(Example, dir.File("x.json"));
        File.WriteAllText(dir.File("log.txt"), "before\n");

        var run = CliRunner.RunShell(dir.Path, "allocator validate x.json >> log.txt && allocator validate x.json >> log.txt");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = File.ReadAllLines(dir.File("log.txt"));
        Assert.Equal(3, lines.Length);
        Assert.Equal("before", lines[0]);
        Assert.All(lines[1..], l => Assert.StartsWith("valid:", l, StringComparison.Ordinal));
    }
}
