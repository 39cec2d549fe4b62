using System.Text;
using System.Text.Json;
using Allocator.Sweeps;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Sweeps;

/// <summary>Manifest errors: every problem at once, each at its JSON path in the manifest, before anything is solved.</summary>
public class ManifestReaderTests
{
    private static IReadOnlyList<Allocator.Models.InputError> Errors(string manifest)
    {
        using var dir = new TempDirectory();
        var (read, errors) = ManifestReader.ReadFile(SweepFixtures.Write(dir.Path, manifest));
        if (read is null) return errors;
        return SweepPlan.Expand(read).Errors;
    }

    [Fact]
    public void EveryShapeProblem_ReportedTogether_AtItsPath()
    {
        var errors = Errors("""
            {
              "base": "teaching-two-donors.json", "extra": 1,
              "vary": [
                { "path": "$.donors[0].tranches[0].amount", "factors": [0.8, "x"] },
                { "path": "$.donors[9].name", "values": ["a"] },
                { "path": "donors", "values": [1] },
                { "path": "$.name", "factors": [2] },
                { "path": "$.donors[0].tranches[0].amount", "values": [1] },
                { "path": "$.horizon", "values": [1], "factors": [2] },
                { "path": "$.lines[0].capacity" },
                { "path": "$.lines[0].unitCost", "values": [] },
                { "path": "$.lines[0].leadTime", "values": [1], "colour": "red" },
                { "path": "$.lines[x]", "values": [1] }
              ]
            }
            """);

        Assert.Equal(
            ["$.extra", "$.vary[0].factors[1]", "$.vary[1].path", "$.vary[2].path", "$.vary[3].factors", "$.vary[4].path",
             "$.vary[5]", "$.vary[6]", "$.vary[7].values", "$.vary[8].colour", "$.vary[9].path"],
            errors.Select(e => e.Path).ToArray());
        Assert.Contains("$.donors has 2 elements, so [9] does not exist", errors[2].Message);
        Assert.Contains("already varied by $.vary[0]", errors[5].Message);
    }

    [Fact]
    public void MissingBaseFile_IsAnErrorAtBase()
    {
        var errors = Errors("""{ "base": "nowhere.json", "vary": [] }""");

        var error = Assert.Single(errors);
        Assert.Equal("$.base", error.Path);
        Assert.Contains("'nowhere.json' does not exist", error.Message);
    }

    [Fact]
    public void InvalidBase_NamesThePathInsideTheRequest()
    {
        var errors = Errors("""{ "base": { "schemaVersion": "1", "baseCurrency": "EUR" }, "vary": [] }""");

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("$.base", e.Path));
        Assert.Contains(errors, e => e.Message.Contains("the base request is invalid at $", StringComparison.Ordinal));
    }

    [Fact]
    public void NotJson_OrNotAnObject_IsOneErrorAtTheRoot()
    {
        Assert.Equal("$", Assert.Single(Errors("{ \"base\": ")).Path);
        Assert.Equal("$", Assert.Single(Errors("[1, 2]")).Path);
    }

    [Fact]
    public void ScenarioThatIsNotAValidRequest_NamesTheChoiceThatBrokeIt()
    {
        var errors = Errors("""
            {
              "base": "teaching-two-donors.json",
              "vary": [
                { "path": "$.donors[1].tranches[0].amount", "factors": [1, -1] },
                { "path": "$.lines[0].capacity", "values": [2, "many", 3] }
              ]
            }
            """);

        Assert.Equal(["$.vary[1].values[1]", "$.vary[0].factors[1]"], errors.Select(e => e.Path).ToArray());
        Assert.Contains("makes the request invalid at $.lines[0].capacity", errors[0].Message);
        Assert.Contains("2 scenarios, the first 1", errors[0].Message);
        Assert.Contains("makes the request invalid at $.donors[1].tranches[0].amount", errors[1].Message);
        Assert.Contains("the first 3", errors[1].Message); // scenario 4 breaks both; its shape error hides the cross-field one
    }

    // Found by ManifestFuzzTests: JSON accepts "\ud800" and .NET throws only when the string is read.
    [Fact]
    public void LoneSurrogate_InAValue_IsAnErrorAtItsPath()
    {
        var errors = Errors("""{ "base": "teaching-two-donors.json", "vary": [ { "path": "$.donors[0].id", "values": ["a", "\ud800"] } ] }""");

        var error = Assert.Single(errors);
        Assert.Equal("$.vary[0].values[1]", error.Path);
        Assert.Contains("lone surrogate", error.Message);
    }

    [Fact]
    public void InlineBase_ReadsLikeAFile()
    {
        using var dir = new TempDirectory();
        SweepFixtures.Write(dir.Path, "{}");
        var inline = $$"""{ "base": {{File.ReadAllText(dir.File("teaching-two-donors.json"))}}, "vary": [ { "path": "$.lines[0].capacity", "values": [1, 3] } ] }""";
        var byFile = """{ "base": "teaching-two-donors.json", "vary": [ { "path": "$.lines[0].capacity", "values": [1, 3] } ] }""";

        var inlineIds = SweepFixtures.Plan(dir.Path, inline).Scenarios.Select(s => s.Id);
        var fileIds = SweepFixtures.Plan(dir.Path, byFile).Scenarios.Select(s => s.Id);

        Assert.Equal(fileIds, inlineIds);
    }

    [Fact]
    public void TooManyScenarios_IsRefusedBeforeExpanding()
    {
        var factors = string.Join(", ", Enumerable.Range(1, 1001));
        var errors = Errors($$"""
            {
              "base": "teaching-two-donors.json",
              "vary": [
                { "path": "$.donors[0].tranches[0].amount", "factors": [{{factors}}] },
                { "path": "$.donors[1].tranches[0].amount", "factors": [{{factors}}] }
              ]
            }
            """);

        var error = Assert.Single(errors);
        Assert.Equal("$.vary", error.Path);
        Assert.Contains("1,002,001 scenarios", error.Message);
    }

    [Fact]
    public void Cli_BadManifest_Exit2_NothingOnStdout_NothingWritten()
    {
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, """{ "base": "teaching-two-donors.json", "vary": [ { "path": "$.lines[0].capacity", "values": [2, -1] } ] }""");

        var run = CliRunner.Run(dir.Path, null, "sweep", manifest, "-o", dir.File("out"));
        var asJson = CliRunner.Run(dir.Path, null, "sweep", manifest, "-o", dir.File("out"), "--errors-json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.StartsWith("$.vary[0].values[1]: value -1 makes the request invalid at $.lines[0].capacity", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(Directory.Exists(dir.File("out")));
        Assert.Equal(2, asJson.ExitCode);
        using var document = JsonDocument.Parse(asJson.StdoutBytes);
        Assert.Equal("$.vary[0].values[1]", document.RootElement.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void Cli_ManifestFileMissing_Exit2()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "sweep", dir.File("none.json"), "-o", dir.File("out"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("does not exist", run.Stderr);
        Assert.Equal(0, Encoding.UTF8.GetByteCount(run.Stdout));
    }
}

/// <summary>Found by ManifestFuzzTests: a vary entry that replaces the whole request with null.</summary>
public class ManifestNullRequestTests
{
    [Fact]
    public void WholeRequestReplacedByNull_IsAnErrorAtTheRoot_NotACrash()
    {
        using var dir = new TempDirectory();
        var (read, errors) = ManifestReader.ReadFile(SweepFixtures.Write(dir.Path, """
            { "base": "teaching-two-donors.json", "vary": [ { "path": "$", "values": [null] }, { "path": "$.name", "values": ["a"] } ] }
            """));
        Assert.Empty(errors);

        var (plan, problems) = SweepPlan.Expand(read!);

        Assert.Null(plan);
        var problem = Assert.Single(problems);
        Assert.Equal("$.vary", problem.Path);
        Assert.Contains("replaced the whole request with null", problem.Message, StringComparison.Ordinal);
    }
}
