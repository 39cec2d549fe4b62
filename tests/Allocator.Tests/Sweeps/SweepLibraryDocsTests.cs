using Allocator.Solver;
using Allocator.Sweeps;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Sweeps;

/// <summary>The library snippet of docs/sweeps.md, run as written (the docs must hold exactly <see cref="Snippet"/>).</summary>
public class SweepLibraryDocsTests
{
    private const string Snippet = """
        var (manifest, errors) = ManifestReader.ReadFile(manifestPath);               // every problem with its path
        SweepPlan? plan = null;
        if (manifest is not null) (plan, errors) = SweepPlan.Expand(manifest);        // every scenario built and checked
        if (plan is null) throw new InvalidOperationException(string.Join("\n", errors));
        var report = SweepRunner.Run(plan, outDir, new Shard(0, 1), new SolveOptions { Explain = ExplainLevel.None }, Environment.ProcessorCount);
        var (csv, missing, problem) = SweepTable.Gather(outDir);                    // the table, or why not
        File.WriteAllText(tablePath, csv ?? throw new InvalidOperationException(problem));
        """;

    private static (SweepReport Report, int Missing) AsInTheDocs(string manifestPath, string outDir, string tablePath)
    {
        var (manifest, errors) = ManifestReader.ReadFile(manifestPath);               // every problem with its path
        SweepPlan? plan = null;
        if (manifest is not null) (plan, errors) = SweepPlan.Expand(manifest);        // every scenario built and checked
        if (plan is null) throw new InvalidOperationException(string.Join("\n", errors));
        var report = SweepRunner.Run(plan, outDir, new Shard(0, 1), new SolveOptions { Explain = ExplainLevel.None }, Environment.ProcessorCount);
        var (csv, missing, problem) = SweepTable.Gather(outDir);                    // the table, or why not
        File.WriteAllText(tablePath, csv ?? throw new InvalidOperationException(problem));
        return (report, missing);
    }

    [Fact]
    public void DocsSnippet_IsThisCode()
    {
        var docs = File.ReadAllText(Path.Combine(DeployManifestTests.Repository(), "docs", "sweeps.md"));

        Assert.Contains(Snippet.Replace("\r\n", "\n"), docs.Replace("\r\n", "\n"));
    }

    [Fact]
    public void DocsSnippet_Runs_SolvesEveryScenario_ThenSkipsThem()
    {
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, SweepFixtures.SixScenarios);

        var (first, missing) = AsInTheDocs(manifest, dir.File("out"), dir.File("table.csv"));
        var (second, _) = AsInTheDocs(manifest, dir.File("out"), dir.File("table.csv"));

        Assert.Equal((6, 0, 6), (first.Scenarios, first.Skipped, first.Solved));
        Assert.Equal((6, 6, 0), (second.Scenarios, second.Skipped, second.Solved));
        Assert.Equal(0, missing);
        Assert.Equal(7, File.ReadAllLines(dir.File("table.csv")).Length);
    }
}
