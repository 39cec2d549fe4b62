namespace Allocator.Models;

/// <summary>
/// A result's deliveries in the request's terms (line and need indices), and the contract's unit values: what the
/// stress test and the exposure figures replay. The result must belong to the request (ids known, periods inside
/// the horizon); rows that do not are skipped, so callers check first (the CLI does).
/// </summary>
internal sealed class PlanDeliveries
{
    /// <summary>The contract's default for <c>needs[].lateDecay</c>.</summary>
    private const double DefaultLateDecay = 0.25;

    public PlanDeliveries(AllocationRequest request, AllocationResult result)
    {
        Request = request;
        var lines = request.Lines.Select((l, i) => (l.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var needs = request.Needs.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        Rows = result.Deliveries
            .Where(y => lines.ContainsKey(y.Line) && needs.ContainsKey(y.Need) && y.Period >= 0 && y.Period < Periods && y.Units > 0)
            .Select(y => new Row(lines[y.Line], needs[y.Need], y.Period, y.Units))
            .ToList();
    }

    /// <param name="Line">Index in the request's lines.</param>
    /// <param name="Need">Index in the request's needs.</param>
    /// <param name="Due">The period the units are due to arrive (the row's <c>period</c>).</param>
    /// <param name="Units">Units delivered.</param>
    public readonly record struct Row(int Line, int Need, int Due, double Units);

    public AllocationRequest Request { get; }

    public IReadOnlyList<Row> Rows { get; }

    public int Periods => Request.Horizon.Periods;

    /// <summary>The line's slip, or null when it always delivers on time.</summary>
    public IReadOnlyList<double>? Slip(int line) => Request.Lines[line].Slip;

    /// <summary>v1's <c>v(n, s)</c>, and 0 after the horizon (contract 1.1, section 4).</summary>
    public double UnitValue(int need, int s)
    {
        if (s > Periods - 1) return 0;
        var n = Request.Needs[need];
        var fresh = s <= n.DueBy ? 1.0 : Math.Max(0.0, 1.0 - (n.LateDecay ?? DefaultLateDecay) * (s - n.DueBy));
        return n.Priority / n.Quantity * fresh;
    }

    /// <summary><c>ev(l, n, s) = sum over d of p_d * v(n, s + d)</c>.</summary>
    public double ExpectedUnitValue(int line, int need, int s)
    {
        if (Slip(line) is not { } slip) return UnitValue(need, s);
        var sum = 0.0;
        for (var d = 0; d < slip.Count && d <= Periods - 1 - s; d++)
            sum += slip[d] * UnitValue(need, s + d);
        return sum;
    }
}
