using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>A request copied field by field with other lines (slips, twins, lots) or another <c>asOf</c>.</summary>
public static class RequestCopy
{
    public static AllocationRequest WithLines(AllocationRequest request, IReadOnlyList<ProductionLine> lines, string? name = null) =>
        Copy(request, lines, name ?? request.Name, request.AsOf);

    public static AllocationRequest WithAsOf(AllocationRequest request, int? asOf) => Copy(request, request.Lines, request.Name, asOf);

    private static AllocationRequest Copy(AllocationRequest request, IReadOnlyList<ProductionLine> lines, string? name, int? asOf) => new()
    {
        SchemaVersion = request.SchemaVersion,
        Name = name,
        BaseCurrency = request.BaseCurrency,
        ExchangeRates = request.ExchangeRates,
        Horizon = request.Horizon,
        Donors = request.Donors,
        Lines = lines,
        Needs = request.Needs,
        Policy = request.Policy,
        Solver = request.Solver,
        AsOf = asOf,
        Commitments = request.Commitments,
        PreviousPlan = request.PreviousPlan,
    };
}
