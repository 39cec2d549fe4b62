using System.Globalization;
using System.Text.Json;
using Allocator.Solver;
using Allocator.Sweeps;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Sweeps;

/// <summary>
/// <c>allocator sweep</c> and <c>sweep gather</c> through the real command, with shards as separate processes (as
/// the pods of a Kubernetes Indexed Job run them) and a worker killed with SIGKILL part-way.
/// </summary>
public class SweepCliTests
{
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(60);

    private static string[] ResultNames(string folder) =>
        Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).Where(n => n != SweepIndex.FileName).Order().ToArray()!;

    [Fact]
    public void ShardsAsSeparateProcesses_SharingOneFolder_SolveEveryScenarioOnce()
    {
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, SweepFixtures.SixScenarios);
        var plan = SweepFixtures.Plan(dir.Path, SweepFixtures.SixScenarios);
        var shared = dir.File("shared");

        // Three workers at once into one folder, and each shard alone into its own folder.
        var workers = Enumerable.Range(0, 3).Select(i => SweepProcess.Start(dir.Path, null, "sweep", manifest, "-o", shared, "--shard", $"{i}/3", "-j", "1")).ToList();
        var runs = workers.Select(w => w.Wait()).ToList();
        workers.ForEach(w => w.Dispose());
        var alone = Enumerable.Range(0, 3).Select(i =>
        {
            var run = SweepProcess.Run(dir.Path, null, "sweep", manifest, "-o", dir.File($"alone-{i}"), "--shard", $"{i}/3");
            Assert.True(run.ExitCode == 0, run.ToString());
            return ResultNames(dir.File($"alone-{i}"));
        }).ToList();

        Assert.All(runs, run => Assert.True(run.ExitCode == 0 && run.Stdout.Length == 0, run.ToString()));
        Assert.All(runs, run => Assert.Contains("2 scenario(s), 0 already solved, 2 solved now", run.Stderr));
        var expected = plan.Scenarios.Select(s => SweepFiles.ResultName(s.Id)).Order().ToArray();
        Assert.Equal(expected, ResultNames(shared));
        Assert.Equal(expected, alone.SelectMany(names => names).Order().ToArray()); // covering, and (no repeats) disjoint
        Assert.All(alone, names => Assert.Equal(2, names.Length));
        for (var i = 0; i < 3; i++)
            Assert.Equal(new Shard(i, 3).Select(plan.Scenarios).Select(s => SweepFiles.ResultName(s.Id)).Order(), alone[i]);
        Assert.Empty(Directory.GetFiles(shared, ".*")); // no temporary file left by a finished worker
    }

    [Fact]
    public void JobCompletionIndex_PicksTheShard_WhenShardIsAbsent()
    {
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, SweepFixtures.SixScenarios);
        var plan = SweepFixtures.Plan(dir.Path, SweepFixtures.SixScenarios);
        var job = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1", ["ALLOCATOR_SWEEP_SHARDS"] = "4" };

        var run = SweepProcess.Run(dir.Path, job, "sweep", manifest, "-o", dir.File("out"));
        var noCount = SweepProcess.Run(dir.Path, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1" }, "sweep", manifest, "-o", dir.File("none"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("sweep shard 1/4", run.Stderr);
        Assert.Equal(new Shard(1, 4).Select(plan.Scenarios).Select(s => SweepFiles.ResultName(s.Id)).Order(), ResultNames(dir.File("out")));
        Assert.True(noCount.ExitCode == 2, noCount.ToString());
        Assert.Contains("ALLOCATOR_SWEEP_SHARDS", noCount.Stderr);
        Assert.False(Directory.Exists(dir.File("none")));
    }

    [Fact]
    public void KilledWithSigkill_ResumesWithoutRedoingOrHalfFiles_ResultsEqualAnUninterruptedRun()
    {
        const int Count = 24;
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, SweepFixtures.Ukraine(Count));
        var folder = dir.File("out");

        // One solve at a time, so the run lasts long enough to be killed part-way after its first result.
        using (var worker = SweepProcess.Start(dir.Path, null, "sweep", manifest, "-o", folder, "-j", "1"))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!(Directory.Exists(folder) && ResultNames(folder).Length >= 1) && !worker.HasExited && clock.Elapsed < KillWait)
                Thread.Sleep(10);
            Assert.False(worker.HasExited, "the sweep finished before it could be killed; make its scenarios larger");
            worker.Kill();
            worker.Wait();
        }

        var before = ResultNames(folder).ToDictionary(n => n, n => (Bytes: File.ReadAllBytes(Path.Combine(folder, n)), Written: File.GetLastWriteTimeUtc(Path.Combine(folder, n))));
        Assert.InRange(before.Count, 1, Count - 1);
        foreach (var (name, file) in before)
        {
            using var document = JsonDocument.Parse(file.Bytes); // every file that counts as done is whole
            Assert.Equal("optimal", document.RootElement.GetProperty("status").GetString());
        }

        var resumed = SweepProcess.Run(dir.Path, null, "sweep", manifest, "-o", folder);
        var again = SweepProcess.Run(dir.Path, null, "sweep", manifest, "-o", folder);
        var uninterrupted = SweepProcess.Run(dir.Path, null, "sweep", manifest, "-o", dir.File("clean"));

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"{Count} scenario(s), {before.Count} already solved, {Count - before.Count} solved now", resumed.Stderr);
        Assert.Contains($"{Count} scenario(s), {Count} already solved, 0 solved now", again.Stderr);
        foreach (var (name, file) in before) // solved exactly once: the files done before the kill were not written again
        {
            Assert.Equal(file.Bytes, File.ReadAllBytes(Path.Combine(folder, name)));
            Assert.Equal(file.Written, File.GetLastWriteTimeUtc(Path.Combine(folder, name)));
        }
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());
        Assert.Equal(ResultNames(dir.File("clean")), ResultNames(folder));
        Assert.Equal(Count, ResultNames(folder).Length);
        foreach (var name in ResultNames(folder))
            Assert.Equal(SweepFixtures.WithoutDiagnostics(File.ReadAllText(Path.Combine(dir.File("clean"), name))),
                SweepFixtures.WithoutDiagnostics(File.ReadAllText(Path.Combine(folder, name))));

        var table = CliRunner.Run(dir.Path, null, "sweep", "gather", folder);
        Assert.Equal(Count + 1, table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("missing", table.Stdout);
    }

    [Fact]
    public void GatheredRows_EqualDirectSolvesOfTheSameRequests()
    {
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, SweepFixtures.SixScenarios);
        var plan = SweepFixtures.Plan(dir.Path, SweepFixtures.SixScenarios);

        var sweep = CliRunner.Run(dir.Path, null, "sweep", manifest, "-o", dir.File("out"));
        var gather = CliRunner.Run(dir.Path, null, "sweep", "gather", dir.File("out"), "-o", dir.File("table.csv"));

        Assert.True(sweep.ExitCode == 0, sweep.ToString());
        Assert.True(gather.ExitCode == 0 && gather.Stdout.Length == 0, gather.ToString());
        var lines = File.ReadAllText(dir.File("table.csv")).Split('\n');
        Assert.Equal("scenario,index,status,value,maxValue,committed,available,$.donors[1].tranches[0].amount,$.lines[0].capacity", lines[0]);
        Assert.Equal("", lines[^1]);
        var rows = lines[1..^1].Select(l => l.Split(',')).ToList();
        Assert.Equal(plan.Scenarios.Count, rows.Count);
        var opens = new[] { 1_500_000, 3_000_000, 6_000_000 };
        var capacities = new[] { 1, 3 };
        for (var i = 0; i < rows.Count; i++)
        {
            var (open, capacity) = (opens[i / 2], capacities[i % 2]);
            // The scenario built by hand from the example, solved directly, not through the sweep.
            var direct = AllocationEngine.Solve(HandMadeRequest(dir.Path, open, capacity), new SolveOptions { Explain = ExplainLevel.None }).Result!;
            var row = rows[i];
            Assert.Equal(plan.Scenarios[i].Id, row[0]);
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), row[1]);
            Assert.Equal(direct.Status, row[2]);
            Assert.Equal(direct.Summary.Value, double.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(direct.Summary.MaxValue, double.Parse(row[4], CultureInfo.InvariantCulture));
            Assert.Equal(direct.Summary.Committed, double.Parse(row[5], CultureInfo.InvariantCulture));
            Assert.Equal(direct.Summary.Available, double.Parse(row[6], CultureInfo.InvariantCulture));
            Assert.Equal([open.ToString(CultureInfo.InvariantCulture), capacity.ToString(CultureInfo.InvariantCulture)], row[7..]);
        }
    }

    [Fact]
    public void Gather_BeforeEveryShardIsDone_MarksTheRestMissing()
    {
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, SweepFixtures.SixScenarios);

        var sweep = CliRunner.Run(dir.Path, null, "sweep", manifest, "-o", dir.File("out"), "--shard", "0/2");
        var gather = CliRunner.Run(dir.Path, null, "sweep", "gather", dir.File("out"));

        Assert.True(sweep.ExitCode == 0, sweep.ToString());
        Assert.True(gather.ExitCode == 0, gather.ToString());
        var rows = gather.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(6, rows.Length);
        Assert.Equal(3, rows.Count(r => r.Split(',')[2] == "missing"));
        Assert.Contains("3 scenario(s) have no result yet", gather.Stderr);
    }

    [Fact]
    public void FolderOfAnotherSweep_IsRefused_AndGatherWithoutIndexExplains()
    {
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, SweepFixtures.SixScenarios);
        var other = Path.Combine(dir.Path, "other.json");
        File.WriteAllText(other, SweepFixtures.SixScenarios.Replace("[1, 3]", "[2, 3]", StringComparison.Ordinal));
        Directory.CreateDirectory(dir.File("empty"));

        var first = CliRunner.Run(dir.Path, null, "sweep", manifest, "-o", dir.File("out"), "--shard", "0/3");
        var mixed = CliRunner.Run(dir.Path, null, "sweep", other, "-o", dir.File("out"));
        var gather = CliRunner.Run(dir.Path, null, "sweep", "gather", dir.File("empty"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(mixed.ExitCode == 2, mixed.ToString());
        Assert.Contains("holds the results of another sweep", mixed.Stderr);
        Assert.Equal(2, ResultNames(dir.File("out")).Length);
        Assert.True(gather.ExitCode == 2, gather.ToString());
        Assert.Contains("has no sweep.json", gather.Stderr);
    }

    private static byte[] HandMadeRequest(string folder, long openAmount, int capacity)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "teaching-two-donors.json")))!;
        root["donors"]![1]!["tranches"]![0]!["amount"] = openAmount;
        root["lines"]![0]!["capacity"] = capacity;
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
