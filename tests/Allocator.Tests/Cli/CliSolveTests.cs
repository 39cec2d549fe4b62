using System.Text;
using System.Text.Json;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Cli;

/// <summary><c>allocator solve</c> on valid input: where the plan goes and in which form.</summary>
public class CliSolveTests
{
    private static readonly string Example = Examples.PathOf(Examples.TwoDonors);

    [Fact]
    public void Solve_File_PrintsOneJsonDocumentOnly()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", Example);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Stderr.Length == 0, run.ToString());
        using var _ = AssertSingleResultDocument(run, expectedValue: 11);
    }

    // HiGHS prints a banner from native code on file descriptor 1; the CLI points fd 1 at stderr, so stdout stays pure.
    [Fact]
    public void Solve_FileWithHighs_StdoutStillPureJson()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "--backend", "highs");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = AssertSingleResultDocument(run, expectedValue: 11);
        Assert.Equal("highs", document.RootElement.GetProperty("diagnostics").GetProperty("backend").GetString());
    }

    [Fact]
    public void Solve_DashReadsStdin()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, File.ReadAllBytes(Example), "solve", "-");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var _ = AssertSingleResultDocument(run, expectedValue: 11);
    }

    [Fact]
    public void Solve_NoFile_PrintsTableOfBundledExample()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Value delivered", run.Stdout);
        foreach (var donor in new[] { "dk", "eu-windfall", "se", "is", "ca", "no", "no-drones" })
            Assert.Contains(donor, run.Stdout);
        Assert.DoesNotContain("\"schemaVersion\"", run.Stdout);
    }

    [Fact]
    public void Solve_FormatTable_PrintsTableForFile()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "--format", "table");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Value delivered", run.Stdout);
        Assert.Contains("donor-ua-only", run.Stdout);
        Assert.Contains("donor-open", run.Stdout);
        Assert.DoesNotContain("\"schemaVersion\"", run.Stdout);
    }

    // -o writes through a temporary sibling and renames it: afterwards only the result is in the directory.
    [Fact]
    public void Solve_OutputFile_WritesFileAndNothingOnStdout()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "-o", "out.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.True(run.Stderr.Length == 0, run.ToString());
        Assert.Equal(["out.json"], dir.Names());
        using var document = JsonDocument.Parse(File.ReadAllBytes(dir.File("out.json")));
        Assert.Equal(11, document.RootElement.GetProperty("summary").GetProperty("value").GetDouble(), 6);
    }

    [Fact]
    public void Solve_OutputFileExists_IsReplaced()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("out.json"), "old contents");

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "-o", "out.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["out.json"], dir.Names());
        using var document = JsonDocument.Parse(File.ReadAllBytes(dir.File("out.json")));
        Assert.Equal("optimal", document.RootElement.GetProperty("status").GetString());
    }

    /// <summary>Stdout parses as exactly one JSON document (nothing before or after it) holding an optimal plan.</summary>
    private static JsonDocument AssertSingleResultDocument(CliRun run, double expectedValue)
    {
        var reader = new Utf8JsonReader(run.StdoutBytes);
        Assert.True(JsonDocument.TryParseValue(ref reader, out var document), run.ToString());
        var rest = Encoding.UTF8.GetString(run.StdoutBytes.AsSpan((int)reader.BytesConsumed));
        Assert.True(rest.Trim().Length == 0, $"text after the JSON document: '{rest}'");
        Assert.Equal("optimal", document!.RootElement.GetProperty("status").GetString());
        Assert.Equal(expectedValue, document.RootElement.GetProperty("summary").GetProperty("value").GetDouble(), 6);
        return document;
    }
}
