using System.Text;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Workbook;

/// <summary>The workbook commands as a planner runs them: convert both ways, template, solve a workbook, errors at cells.</summary>
public sealed class CliWorkbookTests
{
    private static string ExamplePath(string name) => Path.Combine(WorkbookFixtures.ExamplesDirectory, name);

    [Fact]
    public void Convert_to_a_workbook_and_back_gives_the_canonical_request()
    {
        using var dir = new TempDirectory();
        var toXlsx = CliRunner.Run(dir.Path, null, "convert", ExamplePath("ukraine-2024.json"), "-o", "request.xlsx");
        Assert.True(toXlsx.ExitCode == 0, toXlsx.ToString());
        Assert.Empty(toXlsx.StdoutBytes);
        var back = CliRunner.Run(dir.Path, null, "convert", "request.xlsx");
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Equal(WorkbookFixtures.Canonical(File.ReadAllBytes(ExamplePath("ukraine-2024.json"))) + "\n", back.Stdout);
    }

    [Fact]
    public void Solving_a_workbook_with_a_mistake_names_the_cell_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var json = File.ReadAllText(ExamplePath("teaching-two-donors.json")).Replace("\"quantity\": 40", "\"quantity\": -40");
        Assert.NotEqual(File.ReadAllText(ExamplePath("teaching-two-donors.json")), json);
        File.WriteAllText(dir.File("bad.json"), json);
        Assert.Equal(0, CliRunner.Run(dir.Path, null, "convert", "bad.json", "-o", "bad.xlsx").ExitCode);
        var before = File.ReadAllBytes(dir.File("bad.xlsx"));

        var run = CliRunner.Run(dir.Path, null, "solve", "bad.xlsx", "-o", "plan.xlsx");
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.StdoutBytes);
        Assert.Matches(@"^\$\.needs\[\d+\]\.quantity: Needs!C\d+: ", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(File.Exists(dir.File("plan.xlsx")));
        Assert.Equal(before, File.ReadAllBytes(dir.File("bad.xlsx")));

        var errorsJson = CliRunner.Run(dir.Path, null, "validate", "bad.xlsx", "--errors-json");
        Assert.Equal(2, errorsJson.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(errorsJson.StdoutBytes);
        var error = document.RootElement.GetProperty("errors")[0];
        Assert.StartsWith("$.needs[", error.GetProperty("path").GetString());
        Assert.StartsWith("Needs!C", error.GetProperty("message").GetString());
    }

    [Fact]
    public void Solve_reads_a_workbook_and_writes_the_plan_as_a_workbook()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, null, "convert", ExamplePath("teaching-two-donors.json"), "-o", "request.xlsx").ExitCode);
        var fromXlsx = CliRunner.Run(dir.Path, null, "solve", "request.xlsx", "--explain", "none");
        var fromJson = CliRunner.Run(dir.Path, null, "solve", ExamplePath("teaching-two-donors.json"), "--explain", "none");
        Assert.True(fromXlsx.ExitCode == 0, fromXlsx.ToString());
        using (var a = System.Text.Json.JsonDocument.Parse(fromXlsx.StdoutBytes))
        using (var b = System.Text.Json.JsonDocument.Parse(fromJson.StdoutBytes))
            Assert.Equal(b.RootElement.GetProperty("summary").GetRawText(), a.RootElement.GetProperty("summary").GetRawText());

        var plan = CliRunner.Run(dir.Path, null, "solve", "request.xlsx", "-o", "plan.xlsx");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Empty(plan.StdoutBytes);
        Assert.Equal("PK\u0003\u0004"u8.ToArray(), File.ReadAllBytes(dir.File("plan.xlsx"))[..4]);
        var piped = CliRunner.Run(dir.Path, null, "solve", "request.xlsx", "--format", "xlsx");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Equal("PK\u0003\u0004"u8.ToArray(), piped.StdoutBytes[..4]);
        Assert.Equal(["plan.xlsx", "request.xlsx"], dir.Names());
    }

    [Fact]
    public void Template_writes_an_empty_workbook_that_convert_reports_as_unfinished()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, null, "template", "-o", "empty.xlsx").ExitCode);
        var run = CliRunner.Run(dir.Path, null, "validate", "empty.xlsx");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'Horizon & rates'!B4: is required", run.Stderr);
        var refused = CliRunner.Run(dir.Path, null, "template", "-o", "empty.json");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(".xlsx", refused.Stderr);
    }

    [Fact]
    public void Convert_of_broken_json_names_the_json_path_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.json"), "{\"schemaVersion\": \"1\"}", Encoding.UTF8);
        var run = CliRunner.Run(dir.Path, null, "convert", "bad.json", "-o", "out.xlsx");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("$.baseCurrency: is required", run.Stderr);
        Assert.False(File.Exists(dir.File("out.xlsx")));
    }
}
