using System.Text.Json;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Cli;

/// <summary><c>allocator diff</c> (contract 1.1, section 3) on the 2024 example and its October re-plan.</summary>
public class CliDiffTests
{
    private static readonly SolveOptions Quick = new() { Explain = ExplainLevel.None };

    [Fact]
    public void Diff_JulyAndOctober_ListsExactlyTheRowsWhoseAmountChanged()
    {
        using var dir = new TempDirectory();
        var july = AllocationEngine.Solve(Examples.Request(Examples.Ukraine2024), Quick);
        var october = AllocationEngine.Solve(Examples.Request("ukraine-2024-october.json"), Quick);
        File.WriteAllText(dir.File("july.json"), AllocatorJson.Serialize(july));
        File.WriteAllText(dir.File("october.json"), AllocatorJson.Serialize(october));

        var run = CliRunner.Run(dir.Path, null, "diff", "july.json", "october.json", "--requests", Examples.PathOf(Examples.Ukraine2024), Examples.PathOf("ukraine-2024-october.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var diff = JsonSerializer.Deserialize(run.StdoutBytes, AllocatorJson.Context.PlanDiff)!;
        // Written from the spec: a row is listed when its money differs by more than 1e-9 of the larger plan's money.
        var before = july.Allocations.ToDictionary(a => (a.Donor, a.Tranche, a.Line, a.Period), a => a.Amount);
        var after = october.Allocations.ToDictionary(a => (a.Donor, a.Tranche, a.Line, a.Period), a => a.Amount);
        var threshold = 1e-9 * Math.Max(july.Summary.Committed, october.Summary.Committed);
        var changed = before.Keys.Union(after.Keys)
            .Where(cell => Math.Abs(before.GetValueOrDefault(cell) - after.GetValueOrDefault(cell)) > threshold).ToHashSet();
        Assert.NotEmpty(changed);
        Assert.Equal(changed.OrderBy(c => c.ToString()), diff.Allocations.Select(a => (a.Donor, a.Tranche, a.Line, a.Period)).OrderBy(c => c.ToString()));
        Assert.All(diff.Allocations, a =>
        {
            Assert.Equal(before.GetValueOrDefault((a.Donor, a.Tranche, a.Line, a.Period)), a.Before);
            Assert.Equal(after.GetValueOrDefault((a.Donor, a.Tranche, a.Line, a.Period)), a.After);
        });
        var sizes = diff.Allocations.Select(a => Math.Abs(a.After - a.Before)).ToList();
        Assert.Equal(sizes.OrderByDescending(x => x), sizes);
        // Needs: exactly those whose figures moved.
        var moved = july.Needs.Zip(october.Needs).Where(x => x.First.DeliveredUnits != x.Second.DeliveredUnits
            || x.First.OnTimeUnits != x.Second.OnTimeUnits || x.First.Value != x.Second.Value).Select(x => x.First.Id);
        Assert.Equal(moved, diff.Needs.Select(n => n.Id));
        // The request changes name their items by id.
        Assert.Contains(diff.RequestChanges!, c => c.Item == "tranche" && c.Id == "se" && c.Tranche == 1 && c.Change == "added");
        Assert.Contains(diff.RequestChanges!, c => c.Item == "line" && c.Id == "shell-155-g" && c.Change == "changed" && c.Fields!.Single().Field == "capacity");
        Assert.Contains(diff.RequestChanges!, c => c.Item == "request" && c.Id == "asOf" && c.Change == "added");
    }

    [Fact]
    public void Diff_PlanWithItself_IsEmpty_AndTableSaysSo()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("plan.json"), AllocatorJson.Serialize(AllocationEngine.Solve(Examples.Request(Examples.TwoDonors), Quick)));

        var run = CliRunner.Run(dir.Path, null, "diff", "plan.json", "plan.json", "--format", "table");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No money moved.", run.Stdout);
        Assert.Contains("No need gained or lost.", run.Stdout);
    }

    [Fact]
    public void Diff_NotAResult_ExitsTwoWithoutOutput()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("plan.json"), AllocatorJson.Serialize(AllocationEngine.Solve(Examples.Request(Examples.TwoDonors), Quick)));
        File.WriteAllText(dir.File("broken.json"), "{ \"summary\": 3 }");

        var run = CliRunner.Run(dir.Path, null, "diff", "plan.json", "broken.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.StdoutBytes);
        Assert.Contains("broken.json is not a valid result document", run.Stderr);
    }
}
