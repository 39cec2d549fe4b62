using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>
/// Adds delivery risk (contract 1.1, section 4) to a random request: each line gets no slip or one of a few
/// distributions, drawn from the seed, so that some categories mix lines that slip differently and some lines share
/// a profile (the pooled formulation pools those).
/// </summary>
public static class RandomSlips
{
    private static readonly double[]?[] Profiles =
    [
        null, [1], [0.5, 0.5], [0.25, 0.5, 0.25], [0, 1], [0.6, 0.3, 0.1], [0.1, 0.2, 0.3, 0.4], [0.5, 0, 0.5], [0.75, 0.25],
    ];

    public static AllocationRequest Add(AllocationRequest request, int seed)
    {
        var rng = new Random(unchecked(seed * 104729 + 17));
        var lines = request.Lines.Select(l => new ProductionLine
        {
            Id = l.Id,
            Producer = l.Producer,
            Country = l.Country,
            Category = l.Category,
            Product = l.Product,
            UnitCost = l.UnitCost,
            Currency = l.Currency,
            LeadTime = l.LeadTime,
            Capacity = l.Capacity,
            Slip = Profiles[rng.Next(Profiles.Length)],
        }).ToList();
        return RequestCopy.WithLines(request, lines, request.Name + "-slips");
    }
}
