using Allocator.Solver;
using Allocator.Sweeps;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Sweeps;

/// <summary>The gathered table's edge cases: CSV quoting, and an index that is damaged or points outside the folder.</summary>
public class SweepTableTests
{
    [Fact]
    public void StringCells_WithCommasOrQuotes_AreQuoted()
    {
        using var dir = new TempDirectory();
        var plan = SweepFixtures.Plan(dir.Path, """
            { "base": "teaching-two-donors.json", "vary": [ { "path": "$.donors[0].name", "values": ["plain", "a, \"quoted\" name"] } ] }
            """);
        SweepRunner.Run(plan, dir.File("out"), Shard.All, new SolveOptions { Explain = ExplainLevel.None }, 1);

        var (csv, missing, problem) = SweepTable.Gather(dir.File("out"));

        Assert.Null(problem);
        Assert.Equal(0, missing);
        var lines = csv!.Split('\n');
        Assert.EndsWith(",$.donors[0].name", lines[0]);
        Assert.EndsWith(",plain", lines[1]);
        Assert.EndsWith(",\"a, \"\"quoted\"\" name\"", lines[2]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{ "format": "something else" }""")]
    [InlineData("""{ "format": "allocator-sweep-index/1", "columns": [], "scenarios": [ { "index": 0, "id": "../../etc/passwd", "cells": [] } ] }""")]
    [InlineData("""{ "format": "allocator-sweep-index/1", "columns": ["$.a"], "scenarios": [ { "index": 0, "id": "0123456789abcdef", "cells": [] } ] }""")]
    [InlineData("""{ "format": "allocator-sweep-index/1", "columns": [], "scenarios": [ { "index": "0", "id": "0123456789abcdef", "cells": [] } ] }""")]
    public void DamagedIndex_IsAProblem_NeverAThrowOrAReadOutsideTheFolder(string index)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(SweepIndex.FileName), index);

        var (csv, _, problem) = SweepTable.Gather(dir.Path);

        Assert.Null(csv);
        Assert.Contains("damaged or not a sweep index", problem);
    }

    [Fact]
    public void DamagedResult_IsAProblemNamingTheFile()
    {
        using var dir = new TempDirectory();
        var plan = SweepFixtures.Plan(dir.Path, """{ "base": "teaching-two-donors.json", "vary": [] }""");
        SweepRunner.Run(plan, dir.File("out"), Shard.All, new SolveOptions { Explain = ExplainLevel.None }, 1);
        File.WriteAllText(Path.Combine(dir.File("out"), SweepFiles.ResultName(plan.Scenarios[0].Id)), "{ \"status\": \"optimal\" }");

        var (csv, _, problem) = SweepTable.Gather(dir.File("out"));

        Assert.Null(csv);
        Assert.Contains($"{plan.Scenarios[0].Id}.json is not an allocation result", problem);
    }
}
