using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Cli;
using Allocator.Tests.Solver;
using static Allocator.Tests.Models.SampleJson;

namespace Allocator.Tests.Models;

/// <summary>Issue 11, item 8: names that match no line are warned about, with "did you mean".</summary>
public class RequestWarningsTests
{
    private static AllocationRequest Request(Action<JsonObject> change)
    {
        var read = AllocationEngine.Read(System.Text.Encoding.UTF8.GetBytes(With(change)));
        Assert.Empty(read.Errors); // warnings are for valid requests
        return read.Request!;
    }

    [Fact]
    public void NeedCategoryNoLineMakes_WarnsWithDidYouMean()
    {
        var warning = Assert.Single(RequestWarnings.Find(Request(r => Need(r)["category"] = "spg-15")));

        Assert.Equal("$.needs[0].category", warning.Path);
        Assert.Equal("no line makes category 'spg-15', so this need will get nothing (did you mean 'spg-155'?)", warning.Message);
    }

    [Fact]
    public void NeedCategoryFarFromAnyLine_ListsTheLinesCategories()
    {
        var warning = Assert.Single(RequestWarnings.Find(Request(r => Need(r)["category"] = "air-defence")));

        Assert.EndsWith("(the lines have: 'spg-155', 'fpv')", warning.Message);
    }

    [Fact]
    public void CategoryDifferingOnlyInCase_IsWarned()
    {
        var warning = Assert.Single(RequestWarnings.Find(Request(r => Need(r, 1)["category"] = "FPV")));

        Assert.Contains("did you mean 'fpv'?", warning.Message);
    }

    [Fact]
    public void EligibilityNamesNoLineHas_WarnedAtEachItem()
    {
        var warnings = RequestWarnings.Find(Request(r =>
        {
            var e = r["donors"]![0]!["eligibility"]!.AsObject();
            e["categories"] = new JsonArray("spg-155", "fvp");
            e["countries"] = new JsonArray("UA", "Ukraine");
            e["producers"] = new JsonArray("producer-c");
            e["excludedProducers"] = new JsonArray("producer-b", "produce-a");
        }));

        Assert.Equal(
            ["$.donors[0].eligibility.categories[1]", "$.donors[0].eligibility.countries[1]", "$.donors[0].eligibility.producers[0]", "$.donors[0].eligibility.excludedProducers[1]"],
            warnings.Select(w => w.Path));
        Assert.Contains("did you mean 'fpv'?", warnings[0].Message);
        Assert.Contains("did you mean 'producer-a'?", warnings[2].Message);
        Assert.Contains("excluding it changes nothing (did you mean 'producer-a'?)", warnings[3].Message);
    }

    [Fact]
    public void Examples_HaveNoWarnings()
    {
        foreach (var name in Examples.All)
            Assert.Empty(RequestWarnings.Find(Examples.Request(name)));
    }

    [Fact]
    public void Result_Warnings_AreAnOptionalMember()
    {
        var result = AllocationEngine.Solve(Examples.Request(Examples.TwoDonors), new SolveOptions { Explain = ExplainLevel.None });
        var warned = result.WithWarnings([new InputWarning("$.needs[0].category", "no line makes category 'x'")]);

        Assert.DoesNotContain("\"warnings\"", AllocatorJson.Serialize(result.WithWarnings([])));
        var json = JsonNode.Parse(AllocatorJson.Serialize(warned))!;
        Assert.Equal("$.needs[0].category", (string?)json["warnings"]![0]!["path"]);
        Assert.Equal("no line makes category 'x'", (string?)json["warnings"]![0]!["message"]);
        Assert.Equal(AllocatorJson.Serialize(result), AllocatorJson.Serialize(warned.WithWarnings([])));
    }

    [Fact]
    public void Cli_ValidateAndSolve_PrintWarningsOnStderrAndStillSucceed()
    {
        using var dir = new TempDirectory();
        var root = JsonNode.Parse(Examples.Json(Examples.TwoDonors))!.AsObject();
        var category = (string)root["needs"]![0]!["category"]!;
        root["needs"]![0]!["category"] = category[..^1];
        File.WriteAllText(dir.File("plan.json"), root.ToJsonString());

        var validate = CliRunner.Run(dir.Path, null, "validate", "plan.json");
        var asJson = CliRunner.Run(dir.Path, null, "validate", "plan.json", "--errors-json");
        var solve = CliRunner.Run(dir.Path, null, "solve", "plan.json", "--explain", "none");

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.StartsWith($"warning: $.needs[0].category: no line makes category '{category[..^1]}'", validate.Stderr);
        Assert.Contains($"did you mean '{category}'?", validate.Stderr);
        Assert.True(asJson.ExitCode == 0, asJson.ToString());
        var document = JsonNode.Parse(asJson.Stdout)!;
        Assert.Empty(document["errors"]!.AsArray());
        Assert.Equal("$.needs[0].category", (string?)document["warnings"]![0]!["path"]);
        Assert.True(solve.ExitCode == 0, solve.ToString());
        Assert.StartsWith("warning: $.needs[0].category: ", solve.Stderr);
        Assert.NotNull(JsonNode.Parse(solve.Stdout)!["summary"]);
    }
}
