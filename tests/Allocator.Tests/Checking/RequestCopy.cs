using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>A request copied field by field with other lines, for tests that vary only the lines (slips, twins, lots).</summary>
public static class RequestCopy
{
    public static AllocationRequest WithLines(AllocationRequest request, IReadOnlyList<ProductionLine> lines, string? name = null) => new()
    {
        SchemaVersion = request.SchemaVersion,
        Name = name ?? request.Name,
        BaseCurrency = request.BaseCurrency,
        ExchangeRates = request.ExchangeRates,
        Horizon = request.Horizon,
        Donors = request.Donors,
        Lines = lines,
        Needs = request.Needs,
        Policy = request.Policy,
        Solver = request.Solver,
        AsOf = request.AsOf,
        Commitments = request.Commitments,
        PreviousPlan = request.PreviousPlan,
    };
}
