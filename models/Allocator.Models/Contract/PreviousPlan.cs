namespace Allocator.Models;

/// <summary>
/// Contract 1.1: the plan published before, usually the <c>allocations</c> of an earlier result copied as they are.
/// Its rows may name donors, lines or periods that no longer exist; they are listed in the result's
/// <see cref="Revision.Dropped"/>, never an error.
/// </summary>
public sealed class PreviousPlan
{
    /// <summary>The previous plan's money rows.</summary>
    public required IReadOnlyList<PreviousAllocation> Allocations { get; init; }
}

/// <summary>
/// One row of a previous plan. Only donor, tranche, line, period and amount count; the other members are declared so
/// that the rows of a result can be copied as they are (their values are ignored).
/// </summary>
public sealed class PreviousAllocation
{
    /// <summary>Donor id.</summary>
    public required string Donor { get; init; }

    /// <summary>0-based index of the tranche in the donor's list.</summary>
    public required int Tranche { get; init; }

    /// <summary>Line id.</summary>
    public required string Line { get; init; }

    /// <summary>Commitment period <c>t</c>.</summary>
    public required int Period { get; init; }

    /// <summary>Money in the base currency, greater than 0.</summary>
    public required double Amount { get; init; }

    /// <summary>Ignored (a result row's delivery period).</summary>
    public int? DeliveryPeriod { get; init; }

    /// <summary>Ignored (a result row's units).</summary>
    public double? Units { get; init; }

    /// <summary>Ignored (a result row's signed part).</summary>
    public double? Signed { get; init; }
}
