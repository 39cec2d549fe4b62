using System.CommandLine;
using Allocator.Cli.Commands;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Report;

/// <summary><c>allocator report</c> and <c>allocator solve --report</c>, run in-process.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("allocator-report-cli-").FullName;
    private static string Example => Path.Combine(AppContext.BaseDirectory, "examples", "ukraine-2024.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static int Run(params string[] args) =>
        new RootCommand { SolveCommand.Create(), ReportCommand.Create() }.Parse(args).Invoke();

    private string File(string name) => Path.Combine(_directory, name);

    [Fact]
    public void Report_writes_the_html_for_a_result_and_its_request()
    {
        var (_, result) = ReportFixtures.Ukraine2024;
        System.IO.File.WriteAllText(File("r.json"), AllocatorJson.Serialize(result));
        Assert.Equal(0, Run("report", File("r.json"), "--request", Example, "-o", File("report.html")));
        var html = System.IO.File.ReadAllText(File("report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("Where the money goes", html);
    }

    [Fact]
    public void Report_accepts_results_with_members_it_does_not_know()
    {
        var (_, result) = ReportFixtures.Ukraine2024;
        Assert.NotNull(result.Explanations);
        // Members a newer engine might add: at the top level and inside a known section (explanations).
        var json = AllocatorJson.Serialize(result).TrimEnd().TrimEnd('}') + ", \"scenarios\": [ { \"need\": \"x\" } ], \"comparison\": { \"value\": 1 } }";
        json = json.Replace("\"explanations\": {", "\"explanations\": { \"whatIf\": [ 1, 2 ],", StringComparison.Ordinal);
        Assert.Contains("whatIf", json);
        System.IO.File.WriteAllText(File("r.json"), json);
        Assert.Equal(0, Run("report", File("r.json"), "--request", Example, "-o", File("report.html")));
        Assert.Contains(">Why</h2>", System.IO.File.ReadAllText(File("report.html")));
    }

    [Fact]
    public void Report_refuses_a_result_of_another_request_with_exit_code_2()
    {
        var other = AllocationEngine.Solve(TestRequests.Parse(TestRequests.CapacityBinds));
        System.IO.File.WriteAllText(File("r.json"), AllocatorJson.Serialize(other));
        Assert.Equal(2, Run("report", File("r.json"), "--request", Example, "-o", File("report.html")));
        Assert.False(System.IO.File.Exists(File("report.html")));
    }

    [Fact]
    public void Report_refuses_a_file_that_is_not_a_result_with_exit_code_2()
    {
        System.IO.File.WriteAllText(File("r.json"), "{ \"status\": 3 }");
        Assert.Equal(2, Run("report", File("r.json"), "--request", Example, "-o", File("report.html")));
        Assert.Equal(2, Run("report", File("missing.json"), "--request", Example, "-o", File("report.html")));
    }

    [Fact]
    public void Solve_writes_the_report_next_to_the_result()
    {
        Assert.Equal(0, Run("solve", Example, "-o", File("r.json"), "--report", File("report.html")));
        Assert.True(System.IO.File.Exists(File("r.json")));
        Assert.Contains("What arrives when", System.IO.File.ReadAllText(File("report.html")));
    }
}
