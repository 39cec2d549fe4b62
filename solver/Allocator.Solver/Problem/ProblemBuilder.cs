using Allocator.Models;

namespace Allocator.Solver.Problem;

/// <summary>Turns a validated request into an <see cref="AllocationProblem"/>.</summary>
internal static class ProblemBuilder
{
    /// <summary>The contract's default for <c>needs[].lateDecay</c>.</summary>
    public const double DefaultLateDecay = 0.25;

    public static AllocationProblem Build(AllocationRequest request)
    {
        var periods = request.Horizon.Periods;
        double Rate(string currency) =>
            currency == request.BaseCurrency ? 1.0 : request.ExchangeRates![currency];

        var tranches = request.Donors
            .SelectMany((donor, d) => donor.Tranches.Select((k, i) => new TrancheData(
                d, i, k.Amount * Rate(k.Currency), k.AvailableFrom ?? 0, k.ExpiresAfter ?? periods - 1)))
            .ToArray();

        var producers = new Interner();
        var categories = new Interner();
        var lines = request.Lines.Select(l => new LineData(
            producers.Id(l.Producer),
            categories.Id(l.Category),
            l.UnitCost * Rate(l.Currency),
            l.LeadTime,
            Enumerable.Range(0, periods).Select(l.Capacity.At).ToArray(),
            l.LotSize,
            l.MinimumOrder)).ToArray();

        // Urgency tiers (extension): one value stage per distinct tier, ascending; needs without a tier come last.
        var tiers = request.Needs.Where(n => n.Tier is not null).Select(n => n.Tier!.Value).Distinct().Order().ToList();
        int?[] stageTiers = tiers.Count == 0
            ? [null]
            : [.. tiers.Select(t => (int?)t), .. request.Needs.Any(n => n.Tier is null) ? new int?[] { null } : []];
        int Stage(Need n) => tiers.Count == 0 ? 0 : n.Tier is { } t ? tiers.IndexOf(t) : tiers.Count;

        // A need whose category no line makes still gets a category id: it simply has no supply.
        var needs = request.Needs.Select(n => new NeedData(
            categories.Id(n.Category), n.Quantity, n.Priority, n.DueBy, n.LateDecay ?? DefaultLateDecay, Stage(n))).ToArray();

        var earmarks = request.Donors.Select(d => Earmarks.Filter(d.Eligibility)).ToArray();
        var eligible = request.Lines
            .Select(line => Enumerable.Range(0, request.Donors.Count).Where(d => earmarks[d](line)).ToArray())
            .ToArray();

        var (slipProfiles, lineSlips) = SlipProfiles.Of(request.Lines);

        var problem = new AllocationProblem
        {
            SlipProfiles = slipProfiles,
            LineSlips = lineSlips,
            Periods = periods,
            Tranches = tranches,
            Lines = lines,
            Needs = needs,
            DonorCount = request.Donors.Count,
            ProducerCount = producers.Count,
            CategoryCount = categories.Count,
            EligibleDonors = eligible,
            MaxProducerShare = request.Policy?.MaxProducerShare,
            StageTiers = stageTiers,
            AsOf = request.AsOf ?? 0,
            Signed = ReplanBuilder.Signed(request, tranches),
        };
        // The previous plan's rows are sorted by what the problem allows (windows, earmarks, asOf, commitments).
        return request.PreviousPlan is null ? problem : new AllocationProblem
        {
            Periods = problem.Periods, Tranches = problem.Tranches, Lines = problem.Lines, Needs = problem.Needs,
            DonorCount = problem.DonorCount, ProducerCount = problem.ProducerCount, CategoryCount = problem.CategoryCount,
            EligibleDonors = problem.EligibleDonors, MaxProducerShare = problem.MaxProducerShare, StageTiers = problem.StageTiers,
            AsOf = problem.AsOf, Signed = problem.Signed, SlipProfiles = problem.SlipProfiles, LineSlips = problem.LineSlips,
            Previous = ReplanBuilder.Previous(request, problem),
        };
    }

    private sealed class Interner
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        public int Count => _ids.Count;
        public int Id(string name) => _ids.TryGetValue(name, out var id) ? id : _ids[name] = _ids.Count;
    }
}
