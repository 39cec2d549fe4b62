using System.Text;
using System.Text.Json.Nodes;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Cli;

/// <summary><c>allocator validate</c>: exit 0 for a valid request, 2 with every problem otherwise.</summary>
public class CliValidateTests
{
    [Fact]
    public void Validate_ValidFile_ExitZero()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "validate", Examples.PathOf(Examples.Ukraine2024));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("valid:", run.Stdout);
        Assert.True(run.Stderr.Length == 0, run.ToString());
    }

    [Fact]
    public void Validate_InvalidFile_ExitTwoWithPathLines()
    {
        using var dir = new TempDirectory();
        var root = JsonNode.Parse(Examples.Json(Examples.TwoDonors))!.AsObject();
        root["needs"]![0]!["dueBy"] = 9;
        File.WriteAllBytes(dir.File("request.json"), Encoding.UTF8.GetBytes(root.ToJsonString()));

        var run = CliRunner.Run(dir.Path, null, "validate", "request.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("$.needs[0].dueBy: ", line);
    }

    [Fact]
    public void Validate_MissingFile_ExitTwo()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "validate", "missing.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'missing.json' does not exist", run.Stderr);
    }
}
