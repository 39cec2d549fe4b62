namespace Allocator.Models;

/// <summary>
/// Contract 1.1: money already signed to a producer. The plan commits at least <see cref="Amount"/> from the
/// tranche to the line in the period (rows naming the same tranche, line and period add up).
/// </summary>
public sealed class SignedContract
{
    /// <summary>Donor id.</summary>
    public required string Donor { get; init; }

    /// <summary>0-based index of the tranche in the donor's list.</summary>
    public required int Tranche { get; init; }

    /// <summary>Line id.</summary>
    public required string Line { get; init; }

    /// <summary>Commitment period <c>t</c>.</summary>
    public required int Period { get; init; }

    /// <summary>Signed money in the base currency, greater than 0.</summary>
    public required double Amount { get; init; }
}
