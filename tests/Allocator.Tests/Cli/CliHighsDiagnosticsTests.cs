using System.Text.Json.Nodes;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Cli;

/// <summary>
/// The developer's windows into HiGHS (bench/README.md, "Looking inside a solve"): <c>ALLOCATOR_HIGHS_LOG</c> appends
/// HiGHS's log to a file and <c>ALLOCATOR_HIGHS_WRITE</c> writes each stage's LP as MPS, with a map of the money
/// routes' columns; neither changes the plan nor writes anything to stdout but the result.
/// </summary>
public class CliHighsDiagnosticsTests
{
    [Fact]
    public void Solve_WithHighsLogAndModelFiles_SamePlanAndTheFilesAreWritten()
    {
        using var dir = new TempDirectory();
        var example = Examples.PathOf(Examples.TwoDonors);
        var log = Path.Combine(dir.Path, "highs.log");
        var prefix = Path.Combine(dir.Path, "model");

        var plain = CliRunner.Run(dir.Path, null, "solve", example, "--backend", "highs");
        var watched = CliRunner.RunWith(new Dictionary<string, string> { ["ALLOCATOR_HIGHS_LOG"] = log, ["ALLOCATOR_HIGHS_WRITE"] = prefix },
            dir.Path, null, "solve", example, "--backend", "highs");

        Assert.True(watched.ExitCode == 0, watched.ToString());
        Assert.Equal(WithoutTimings(plain.Stdout), WithoutTimings(watched.Stdout));
        Assert.Contains("Model status", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.StartsWith("NAME", File.ReadAllText(prefix + "-0.mps"), StringComparison.Ordinal);
        var routes = File.ReadAllLines(prefix + "-routes.tsv");
        Assert.Equal("column\tfrom\tto\tperiod", routes[0]);
        Assert.NotEmpty(routes[1..]);
        foreach (var line in routes[1..])
        {
            var fields = line.Split('\t');
            Assert.Equal(4, fields.Length);
            Assert.True(int.TryParse(fields[0], out _) && int.TryParse(fields[3], out _), line);
            Assert.Matches("^(group|hub) [0-9]+$", fields[1]);
            Assert.Matches("^(hub|pool) [0-9]+$", fields[2]);
        }
    }

    private static string WithoutTimings(string result)
    {
        var json = JsonNode.Parse(result)!.AsObject();
        json.Remove("diagnostics");
        return json.ToJsonString();
    }
}
