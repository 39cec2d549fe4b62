using Allocator.Models;

namespace Allocator.Service;

/// <summary>
/// What a request will cost to solve, estimated before it is admitted: the LP's columns from the same counts
/// that <c>ModelLimits</c> bounds (lines x periods they can deliver in, tranche windows, needs x periods; the
/// pools that earmarks form are left out, they are few next to these). It chooses the request's lane and its
/// default time limit, so a heavy request can neither run without end nor hold the slots small ones need.
/// </summary>
internal sealed record SolveCost(long Columns, long BodyBytes, double? RequestTimeLimitSeconds = null)
{
    /// <summary>
    /// From this many estimated columns a request is large: the generator's L (seed 1: 2,000 lines, 36 periods)
    /// estimates 84,949 and solves in about 2 s on the 2-core development machine, XL (10,000 lines, 48 periods)
    /// 567,154 and about 30 s (bench/README.md).
    /// </summary>
    public const long DefaultLargeColumns = 250_000;

    /// <summary>
    /// A body larger than this (4 MB) goes to the large lane whatever its model, so the small lane's waiting
    /// requests stay small in memory (the generator's L is 1.0 MB indented, XL 6.0 MB).
    /// </summary>
    public const long LargeBodyBytes = 4L * 1024 * 1024;

    /// <summary>The shortest default time limit, for the smallest models.</summary>
    public const double MinTimeLimitSeconds = 30;

    /// <summary>The longest default time limit, however large the model.</summary>
    public const double MaxTimeLimitSeconds = 600;

    /// <summary>Default time limit per estimated column: 1 s per 1,000, about 20 times what XL needs here.</summary>
    public const double SecondsPerColumn = 0.001;

    public static SolveCost Of(AllocationRequest request, long bodyBytes)
    {
        long periods = request.Horizon.Periods;
        var units = request.Lines.Sum(l => Math.Max(0, periods - Math.Min(periods, l.LeadTime)));
        var money = request.Donors.Sum(d => d.Tranches.Sum(k =>
            Math.Max(0, (long)(k.ExpiresAfter ?? (int)periods - 1) - (k.AvailableFrom ?? 0) + 1)));
        var shares = request.Needs.Count * periods;
        return new SolveCost(units + money + shares + 1, bodyBytes, request.Solver?.TimeLimitSeconds);
    }

    /// <summary>Whether the request goes to the large lane.</summary>
    public bool IsLarge(long largeColumns) => Columns >= largeColumns || BodyBytes > LargeBodyBytes;

    /// <summary>30 s plus 1 s per 1,000 estimated columns, at most 600 s (docs/service.md).</summary>
    public double DefaultTimeLimitSeconds =>
        Math.Clamp(MinTimeLimitSeconds + Columns * SecondsPerColumn, MinTimeLimitSeconds, MaxTimeLimitSeconds);

    /// <summary>
    /// The limit a solve runs with: the service's (<paramref name="serviceLimit"/>, or the size-based default),
    /// shortened by the request's own <c>solver.timeLimitSeconds</c> when that is smaller.
    /// </summary>
    public double TimeLimitSeconds(double? serviceLimit)
    {
        var limit = serviceLimit ?? DefaultTimeLimitSeconds;
        return RequestTimeLimitSeconds is { } asked && asked > 0 && asked < limit ? asked : limit;
    }

    /// <summary>The cost of a stored request read again (for the shared queue, /resolve); an unreadable one costs its bytes only.</summary>
    public static SolveCost Of(ReadOnlyMemory<byte> json)
    {
        var read = Solver.AllocationEngine.Read(json);
        return read.Request is { } request ? Of(request, json.Length) : new SolveCost(1, json.Length);
    }
}
