using Allocator.Models;

namespace Allocator.Tests.Checking;

public class RandomRequestsTests
{
    private static readonly string[] Backends = ["glop", "pdlp", "highs", "clp"];

    [Fact]
    public void Create_ManySeeds_AreValidAndSurviveJsonRoundTrip()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var request = RandomRequests.Create(seed);
            Assert.Empty(RequestValidator.Validate(request, Backends));
            var json = RequestReader.Write(request);
            var reread = RequestReader.Read(json);
            Assert.True(reread.Errors.Count == 0, $"seed {seed}: {string.Join("; ", reread.Errors)}\n{json}");
            Assert.Equal(json, RequestReader.Write(reread.Request!));
        }
    }

    [Fact]
    public void Create_SameSeed_GivesSameRequest()
    {
        Assert.Equal(RequestReader.Write(RandomRequests.Create(42)), RequestReader.Write(RandomRequests.Create(42)));
        Assert.NotEqual(RequestReader.Write(RandomRequests.Create(42)), RequestReader.Write(RandomRequests.Create(43)));
    }

    [Fact]
    public void Create_SixtySeeds_ExerciseEveryFeature()
    {
        var requests = Enumerable.Range(0, 60).Select(RandomRequests.Create).ToList();
        var tranches = requests.SelectMany(r => r.Donors.SelectMany(d => d.Tranches)).ToList();

        Assert.Contains(requests, r => r.Policy?.MaxProducerShare < 1);
        Assert.Contains(requests, r => r.Lines.Any(l => l.Capacity.PerPeriod is not null));
        Assert.Contains(requests, r => r.Lines.Any(l => l.Capacity.Constant is not null));
        Assert.Contains(requests, r => r.Lines.Any(l => l.LeadTime > 0));
        Assert.Contains(requests, r => r.Lines.Any(l => l.Currency != r.BaseCurrency));
        Assert.Contains(requests, r => r.Donors.Any(d => d.Eligibility?.ExcludedProducers is { Count: > 0 }));
        Assert.Contains(requests, r => r.Donors.Any(d => d.Eligibility?.Countries is { Count: > 0 }));
        Assert.Contains(requests, r => r.Needs.Any(n => n.LateDecay is null));
        Assert.Contains(tranches, t => t.AvailableFrom > 0);
        Assert.Contains(tranches, t => t.ExpiresAfter is not null);
    }
}
