using System.Text.Json.Nodes;
using Allocator.Sweeps;
using CsCheck;

namespace Allocator.Tests.Sweeps;

/// <summary>The shard contract: <c>I/N</c> parsing, the Job's environment, and a split that is disjoint and covering.</summary>
public class ShardTests
{
    private static Scenario ScenarioWithId(int index, string id) => new(index, id, [], Array.Empty<JsonNode?>());

    [Fact]
    public void Shards_Disjoint_Covering_OneSolvePerDistinctRequest()
    {
        // Scenario lists with repeated ids (two choices that give the same request), split into 1 to 9 shards.
        var gen = Gen.Int[0, 5].Array[0, 60].Select(Gen.Int[1, 9]);
        gen.Sample((ids, count) =>
        {
            var scenarios = ids.Select((id, i) => ScenarioWithId(i, $"{id:x16}")).ToList();
            var shards = Enumerable.Range(0, count).Select(i => new Shard(i, count).Select(scenarios).Select(s => s.Id).ToList()).ToList();

            var all = shards.SelectMany(s => s).ToList();
            Assert.Equal(all.Count, all.Distinct().Count()); // no id is in two shards, nor twice in one
            Assert.Equal(scenarios.Select(s => s.Id).Distinct().Order(), all.Order()); // every id is in one
            Assert.True(shards.Max(s => s.Count) - shards.Min(s => s.Count) <= 1, "shards differ by at most one scenario");
        }, iter: 2000);
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    [InlineData("12/100", 12, 100)]
    public void Parse_Valid(string text, int index, int count) =>
        Assert.Equal(new Shard(index, count), Shard.Parse(text).Shard);

    [Theory]
    [InlineData("4/4", "below the number of shards")]
    [InlineData("0/0", "at least 1")]
    [InlineData("-1/4", "not I/N")]
    [InlineData("1", "not I/N")]
    [InlineData("1/2/3", "not I/N")]
    [InlineData(" 1/2", "not I/N")]
    [InlineData("a/b", "not I/N")]
    public void Parse_Invalid_SaysWhy(string text, string why)
    {
        var (shard, problem) = Shard.Parse(text);

        Assert.Null(shard);
        Assert.Contains(why, problem);
    }

    [Fact]
    public void Choose_OptionWins_ThenTheJobsIndex_ThenEverything()
    {
        var job = new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = "2", ["ALLOCATOR_SWEEP_SHARDS"] = "5" };

        Assert.Equal(new Shard(1, 3), Shard.Choose("1/3", null, job.GetValueOrDefault).Shard);
        Assert.Equal(new Shard(2, 5), Shard.Choose(null, null, job.GetValueOrDefault).Shard);
        Assert.Equal(new Shard(2, 7), Shard.Choose(null, 7, job.GetValueOrDefault).Shard);
        Assert.Equal(Shard.All, Shard.Choose(null, null, _ => null).Shard);
    }

    [Fact]
    public void Choose_IncompleteJobEnvironment_SaysWhatIsMissing()
    {
        Assert.Contains("shard count is not", Shard.Choose(null, null, n => n == "JOB_COMPLETION_INDEX" ? "0" : null).Problem);
        Assert.Contains("JOB_COMPLETION_INDEX is not set", Shard.Choose(null, 4, _ => null).Problem);
        Assert.Contains("below the number of shards", Shard.Choose(null, 4, n => n == "JOB_COMPLETION_INDEX" ? "4" : null).Problem);
    }
}
