namespace Allocator.Solver.Problem;

/// <summary>
/// A previous plan in the problem's terms: the money <c>p[k,l,t]</c> of its rows that can still exist (rows naming the
/// same cell added up), and the rows that cannot, each with the reason. <see cref="Total"/> counts both.
/// </summary>
/// <param name="Money"><c>p[k,l,t]</c> for the cells that can still exist.</param>
/// <param name="Dropped">Rows that can no longer exist, in the previous plan's order.</param>
/// <param name="Total">All the previous plan's money.</param>
internal sealed record PreviousPlanData(
    IReadOnlyDictionary<(int Tranche, int Line, int Period), double> Money,
    IReadOnlyList<DroppedRow> Dropped,
    double Total);

/// <summary>A previous row that can no longer exist, as the previous plan wrote it.</summary>
internal sealed record DroppedRow(string Donor, int Tranche, string Line, int Period, double Amount, string Reason);
