using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Allocator.Cli.Commands;
using Allocator.Models;

namespace Allocator.Tests.Cli;

/// <summary><c>allocator stress RESULT --request REQUEST</c>, run in-process.</summary>
public sealed class CliStressTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("allocator-stress-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static int Run(params string[] args) =>
        new RootCommand { SolveCommand.Create(), StressCommand.Create(), ExplainCommand.Create() }.Parse(args).Invoke();

    private string File(string name) => Path.Combine(_directory, name);

    /// <summary>The 2024 example with slips on three lines, solved.</summary>
    private (string Request, string Result) Solved()
    {
        var root = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "ukraine-2024.json")))!;
        root["lines"]![0]!["slip"] = new JsonArray(0.5, 0.3, 0.2);
        root["lines"]![2]!["slip"] = new JsonArray(0.6, 0.3, 0.1);
        root["lines"]![6]!["slip"] = new JsonArray(0.4, 0.4, 0.2);
        System.IO.File.WriteAllText(File("request.json"), root.ToJsonString());
        Assert.Equal(0, Run("solve", File("request.json"), "-o", File("result.json")));
        return (File("request.json"), File("result.json"));
    }

    [Fact]
    public void Stress_writes_the_same_json_for_the_same_seed()
    {
        var (request, result) = Solved();

        Assert.Equal(0, Run("stress", result, "--request", request, "--samples", "500", "--seed", "5", "-o", File("a.json")));
        Assert.Equal(0, Run("stress", result, "-r", request, "-n", "500", "--seed", "5", "-o", File("b.json")));

        var json = System.IO.File.ReadAllText(File("a.json"));
        Assert.Equal(json, System.IO.File.ReadAllText(File("b.json")));
        var report = JsonSerializer.Deserialize(json, AllocatorJsonContext.Default.StressReport)!;
        Assert.Equal(500, report.Samples);
        Assert.Equal(11, report.Needs.Count);
        Assert.True(report.Value.P10 < report.Value.IfOnTime, "slips must cost something in the worst tenth");
        Assert.Contains(report.Needs, n => n.OnTimeProbability is < 1);
    }

    [Fact]
    public void Stress_table_names_needs_and_producers()
    {
        var (request, result) = Solved();

        Assert.Equal(0, Run("stress", result, "--request", request, "--samples", "200", "--format", "table", "-o", File("t.txt")));

        var text = System.IO.File.ReadAllText(File("t.txt"));
        Assert.Contains("P(on time)", text);
        Assert.Contains("spg-autumn", text);
        Assert.Contains("producer-a", text);
    }

    [Fact]
    public void Solve_table_briefs_on_delivery_risk_only_when_lines_slip()
    {
        var (request, _) = Solved();
        var plain = Path.Combine(AppContext.BaseDirectory, "examples", "ukraine-2024.json");

        Assert.Equal(0, Run("solve", request, "--format", "table", "-o", File("with.txt")));
        Assert.Equal(0, Run("solve", plain, "--format", "table", "-o", File("without.txt")));

        var with = System.IO.File.ReadAllText(File("with.txt"));
        Assert.Contains("DELIVERY RISK", with);
        Assert.Contains("3 lines may deliver late", with);
        Assert.DoesNotContain("DELIVERY RISK", System.IO.File.ReadAllText(File("without.txt")));
    }

    [Fact]
    public void Explain_a_result_with_its_request_briefs_on_delivery_risk()
    {
        var (request, result) = Solved();

        Assert.Equal(0, Run("explain", result, "--request", request, "-o", File("with.txt")));
        Assert.Equal(0, Run("explain", result, "-o", File("without.txt")));

        Assert.Contains("DELIVERY RISK", System.IO.File.ReadAllText(File("with.txt")));
        Assert.DoesNotContain("DELIVERY RISK", System.IO.File.ReadAllText(File("without.txt")));
    }

    [Fact]
    public void Stress_refuses_a_result_of_another_request_and_bad_sample_counts()
    {
        var (request, result) = Solved();
        var other = JsonNode.Parse(System.IO.File.ReadAllText(request))!;
        other["lines"]![0]!["id"] = "renamed";
        System.IO.File.WriteAllText(File("other.json"), other.ToJsonString());

        Assert.Equal(2, Run("stress", result, "--request", File("other.json"), "-o", File("x.json")));
        Assert.Equal(2, Run("stress", result, "--request", request, "--samples", "0", "-o", File("x.json")));
        Assert.False(System.IO.File.Exists(File("x.json")));
    }
}
