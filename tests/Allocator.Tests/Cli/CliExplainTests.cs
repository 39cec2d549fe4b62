using System.Text.Json;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Cli;

/// <summary><c>allocator explain</c>, <c>solve --explain</c> and the briefing in <c>--format table</c>.</summary>
public class CliExplainTests
{
    private static readonly string Example = Examples.PathOf(Examples.TwoDonors);

    [Fact]
    public void Explain_Request_SolvesAndBriefs()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "explain", Example);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("WHY THE PLAN LOOKS LIKE THIS", run.Stdout);
        Assert.Contains("hand-made plan", run.Stdout);
        Assert.Contains("Marginal values:", run.Stdout);
    }

    [Fact]
    public void Explain_Result_BriefsWithoutSolving()
    {
        using var dir = new TempDirectory();
        var solved = CliRunner.Run(dir.Path, null, "solve", Example, "-o", "result.json");
        Assert.True(solved.ExitCode == 0, solved.ToString());

        var run = CliRunner.Run(dir.Path, null, "explain", "result.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("WHY THE PLAN LOOKS LIKE THIS", run.Stdout);
    }

    [Fact]
    public void Explain_ResultWithoutExplanations_ExitsTwoAndSaysWhatToDo()
    {
        using var dir = new TempDirectory();
        var solved = CliRunner.Run(dir.Path, null, "solve", Example, "--explain", "none", "-o", "result.json");
        Assert.True(solved.ExitCode == 0, solved.ToString());
        using (var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "result.json"))))
            Assert.False(document.RootElement.TryGetProperty("explanations", out _), "--explain none must leave explanations out");

        var run = CliRunner.Run(dir.Path, null, "explain", "result.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.Contains("no explanations", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public void Explain_InvalidRequest_ExitsTwoWithPaths()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "bad.json"), """{ "schemaVersion": "1" }""");

        var run = CliRunner.Run(dir.Path, null, "explain", "bad.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.Contains("$.baseCurrency", run.Stderr);
    }

    [Theory]
    [InlineData("full", true)]
    [InlineData("duals", true)]
    [InlineData("reasons", false)]
    public void Solve_ExplainLevel_ControlsMarginalValues(string level, bool marginalValues)
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "--explain", level);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.StdoutBytes);
        var tranche = document.RootElement.GetProperty("explanations").GetProperty("tranches")[0];
        Assert.Equal(marginalValues, tranche.TryGetProperty("marginalValuePerMillion", out _));
        Assert.True(document.RootElement.GetProperty("explanations").GetProperty("baseline").GetProperty("value").GetDouble() > 0);
    }

    [Fact]
    public void Solve_TableFormat_EndsWithTheBriefing()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", Example, "--format", "table");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("WHY THE PLAN LOOKS LIKE THIS", run.Stdout);
    }
}
