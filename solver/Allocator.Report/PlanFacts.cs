using Allocator.Models;

namespace Allocator.Report;

/// <summary>
/// Everything the charts need, computed once from a request and a matching result: indexes by id, unit costs in
/// the base currency, and per-period series for donors, lines and needs. Arrays are indexed by input position.
/// </summary>
internal sealed class PlanFacts
{
    public PlanFacts(AllocationRequest request, AllocationResult result)
    {
        Request = request;
        Result = result;
        Periods = new PeriodLabels(request.Horizon);
        var p = Periods.Count;
        var donors = request.Donors;
        var lines = request.Lines;
        var needs = request.Needs;
        DonorIndex = Index(donors.Select(d => d.Id));
        LineIndex = Index(lines.Select(l => l.Id));
        NeedIndex = Index(needs.Select(n => n.Id));

        TrancheAmount = donors.Select(d => d.Tranches.Select(t => t.Amount * RateOrOne(t.Currency)).ToArray()).ToArray();
        DonorAvailable = TrancheAmount.Select(a => a.Sum()).ToArray();
        DonorCommitted = new double[donors.Count];
        DonorCommittedByPeriod = NewGrid(donors.Count, p);
        LineFunding = new double[lines.Count];
        LineFundedUnits = new double[lines.Count];
        LineFundedByDelivery = NewGrid(lines.Count, p);
        LineCapacity = lines.Select(l => Enumerable.Range(0, p).Select(s => SafeCapacity(l.Capacity, s)).ToArray()).ToArray();
        NeedByPeriod = NewGrid(needs.Count, p);
        NeedDelivered = new double[needs.Count];
        NeedOnTime = new double[needs.Count];

        var trancheCommitted = donors.Select(d => NewGrid(d.Tranches.Count, p)).ToArray();
        var donorLine = new Dictionary<(int, int), double>();
        var lineNeed = new Dictionary<(int, int), double>();

        foreach (var a in result.Allocations)
        {
            var d = DonorIndex[a.Donor];
            var l = LineIndex[a.Line];
            var t = Math.Clamp(a.Period, 0, p - 1);
            DonorCommitted[d] += a.Amount;
            DonorCommittedByPeriod[d][t] += a.Amount;
            if (a.Tranche >= 0 && a.Tranche < trancheCommitted[d].Length) trancheCommitted[d][a.Tranche][t] += a.Amount;
            LineFunding[l] += a.Amount;
            LineFundedUnits[l] += a.Units;
            if (a.DeliveryPeriod >= 0 && a.DeliveryPeriod < p) LineFundedByDelivery[l][a.DeliveryPeriod] += a.Units;
            donorLine[(d, l)] = donorLine.GetValueOrDefault((d, l)) + a.Amount;
        }

        // The unit cost in the base currency: from the request's exchange rates, or, if a rate is missing (the
        // result came from elsewhere), from the money and units of the line's allocations.
        LineUnitCost = lines.Select((line, l) =>
        {
            var rate = Rate(line.Currency);
            if (double.IsFinite(rate) && rate > 0) return line.UnitCost * rate;
            return LineFundedUnits[l] > 0 ? LineFunding[l] / LineFundedUnits[l] : line.UnitCost;
        }).ToArray();

        foreach (var y in result.Deliveries)
        {
            var l = LineIndex[y.Line];
            var n = NeedIndex[y.Need];
            var s = Math.Clamp(y.Period, 0, p - 1);
            NeedByPeriod[n][s] += y.Units;
            NeedDelivered[n] += y.Units;
            if (y.Period <= needs[n].DueBy) NeedOnTime[n] += y.Units;
            lineNeed[(l, n)] = lineNeed.GetValueOrDefault((l, n)) + y.Units * LineUnitCost[l];
        }

        DonorLineMoney = donorLine.OrderBy(e => e.Key.Item1).ThenBy(e => e.Key.Item2)
            .Select(e => (e.Key.Item1, e.Key.Item2, e.Value)).ToArray();
        LineNeedMoney = lineNeed.OrderBy(e => e.Key.Item1).ThenBy(e => e.Key.Item2)
            .Select(e => (e.Key.Item1, e.Key.Item2, e.Value)).ToArray();

        // What a donor could still commit at the start of each period: the unspent rest of every open tranche.
        DonorBalanceByPeriod = NewGrid(donors.Count, p);
        DonorExpiredUnspent = new double[donors.Count];
        for (var d = 0; d < donors.Count; d++)
        {
            for (var k = 0; k < donors[d].Tranches.Count; k++)
            {
                var tranche = donors[d].Tranches[k];
                var from = Math.Max(0, tranche.AvailableFrom ?? 0);
                var until = Math.Min(p - 1, tranche.ExpiresAfter ?? p - 1);
                var left = TrancheAmount[d][k];
                for (var t = 0; t < p; t++)
                {
                    if (t >= from && t <= until) DonorBalanceByPeriod[d][t] += Math.Max(0, left);
                    left -= trancheCommitted[d][k][t];
                }
                DonorExpiredUnspent[d] += Math.Max(0, left);
            }
        }
    }

    public AllocationRequest Request { get; }
    public AllocationResult Result { get; }
    public PeriodLabels Periods { get; }
    public string Currency => Result.BaseCurrency;

    public IReadOnlyDictionary<string, int> DonorIndex { get; }
    public IReadOnlyDictionary<string, int> LineIndex { get; }
    public IReadOnlyDictionary<string, int> NeedIndex { get; }

    /// <summary>[donor][tranche]: pledged money in the base currency.</summary>
    public double[][] TrancheAmount { get; }
    public double[] DonorAvailable { get; }
    public double[] DonorCommitted { get; }
    /// <summary>[donor][period]: money committed in the period.</summary>
    public double[][] DonorCommittedByPeriod { get; }
    /// <summary>[donor][period]: money the donor could still commit at the start of the period.</summary>
    public double[][] DonorBalanceByPeriod { get; }
    /// <summary>[donor]: money left in tranches after they expired (or at the end of the horizon).</summary>
    public double[] DonorExpiredUnspent { get; }

    /// <summary>[line]: price of one unit in the base currency.</summary>
    public double[] LineUnitCost { get; }
    public double[] LineFunding { get; }
    public double[] LineFundedUnits { get; }
    /// <summary>[line][period]: funded units delivered in the period.</summary>
    public double[][] LineFundedByDelivery { get; }
    /// <summary>[line][period]: capacity.</summary>
    public double[][] LineCapacity { get; }

    /// <summary>[need][period]: units arriving in the period.</summary>
    public double[][] NeedByPeriod { get; }
    public double[] NeedDelivered { get; }
    public double[] NeedOnTime { get; }
    public double NeedLate(int n) => Math.Max(0, NeedDelivered[n] - NeedOnTime[n]);
    public double NeedShortfall(int n) => Math.Max(0, Request.Needs[n].Quantity - NeedDelivered[n]);

    /// <summary>Money from each donor to each line, ordered by donor then line.</summary>
    public IReadOnlyList<(int Donor, int Line, double Money)> DonorLineMoney { get; }
    /// <summary>Money's worth (units times unit cost) from each line to each need, ordered by line then need.</summary>
    public IReadOnlyList<(int Line, int Need, double Money)> LineNeedMoney { get; }

    public double TotalAvailable => DonorAvailable.Sum();
    public double TotalCommitted => DonorCommitted.Sum();

    public string DonorName(int d) => string.IsNullOrWhiteSpace(Request.Donors[d].Name) ? Request.Donors[d].Id : Request.Donors[d].Name!;

    private double Rate(string currency)
    {
        if (string.Equals(currency, Request.BaseCurrency, StringComparison.Ordinal)) return 1;
        return Request.ExchangeRates is { } rates && rates.TryGetValue(currency, out var rate) ? rate : double.NaN;
    }

    private double RateOrOne(string currency) => Rate(currency) is var rate && double.IsFinite(rate) && rate > 0 ? rate : 1;

    private static double SafeCapacity(Capacity capacity, int period) =>
        capacity.Constant ?? (capacity.PerPeriod is { } list && period < list.Count ? list[period] : 0);

    private static Dictionary<string, int> Index(IEnumerable<string> ids)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = 0;
        foreach (var id in ids) index.TryAdd(id, position++);
        return index;
    }

    private static double[][] NewGrid(int rows, int columns) =>
        Enumerable.Range(0, rows).Select(_ => new double[columns]).ToArray();
}
