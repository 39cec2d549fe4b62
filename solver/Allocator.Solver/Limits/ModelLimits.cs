using System.Globalization;
using Allocator.Models;
using Allocator.Solver.Problem;

namespace Allocator.Solver.Limits;

/// <summary>
/// Caps on the size of what Allocator accepts, checked before anything large is built: the request document's
/// bytes, and the LP's variables and non-zeros, estimated from the request as an upper bound (counts of lines,
/// tranches, needs, periods and the pools that earmarks form). A request over a cap is an input error at the
/// path of the list that makes it large, with a sentence saying what to reduce; nothing is half-built.
/// </summary>
public static class ModelLimits
{
    /// <summary>Default cap on the request document: 64 MiB (a national-scale request is about 6 MB).</summary>
    public const long DefaultMaxRequestBytes = 64L * 1024 * 1024;

    /// <summary>Default cap on LP variables (a national-scale request needs about 100,000).</summary>
    public const long DefaultMaxVariables = 5_000_000;

    /// <summary>Default cap on LP non-zeros.</summary>
    public const long DefaultMaxNonZeros = 50_000_000;

    /// <summary>The error for a request document larger than the cap, or null when it fits.</summary>
    public static InputError? CheckRequestBytes(long length, SolveOptions? options)
    {
        var cap = options?.MaxRequestBytes ?? DefaultMaxRequestBytes;
        return length <= cap
            ? null
            : new InputError("$", $"the request is {N(length)} bytes, more than the limit of {N(cap)} bytes (split it into smaller requests, or raise the limit: SolveOptions.MaxRequestBytes)");
    }

    /// <summary>Every size limit <paramref name="request"/> (already valid) exceeds; empty when it fits.</summary>
    public static IReadOnlyList<InputError> Check(AllocationRequest request, SolveOptions? options)
    {
        var maxVariables = options?.MaxVariables ?? DefaultMaxVariables;
        var maxNonZeros = options?.MaxNonZeros ?? DefaultMaxNonZeros;
        // Resolving earmarks is donors x lines work: bound it before doing it.
        var pairs = (long)request.Donors.Count * request.Lines.Count;
        if (pairs > maxNonZeros)
            return [new InputError("$.lines", $"{N(request.Donors.Count)} donors and {N(request.Lines.Count)} lines make {N(pairs)} donor-line pairs to check, more than the limit of {N(maxNonZeros)} (reduce the number of donors or lines, or split the request; SolveOptions.MaxNonZeros raises the limit)")];

        var size = Estimate(request, options?.Formulation ?? FormulationKind.Pooled);
        var errors = new List<InputError>();
        if (size.Variables > maxVariables)
            errors.Add(new InputError(size.LargestPath, $"the LP would have up to {N(size.Variables)} variables ({size.Breakdown}), more than the limit of {N(maxVariables)}: {size.Advice} (SolveOptions.MaxVariables raises the limit)"));
        if (size.NonZeros > maxNonZeros)
            errors.Add(new InputError(size.LargestPath, $"the LP would have up to {N(size.NonZeros)} non-zeros, more than the limit of {N(maxNonZeros)}: {size.Advice} (SolveOptions.MaxNonZeros raises the limit)"));
        return errors;
    }

    /// <summary>Throws <see cref="InvalidRequestException"/> when <see cref="Check"/> finds a problem.</summary>
    public static void Enforce(AllocationRequest request, SolveOptions? options)
    {
        var errors = Check(request, options);
        if (errors.Count > 0) throw new InvalidRequestException(errors);
    }

    /// <summary>An upper bound on the LP's size, and which input drives it.</summary>
    /// <param name="Variables">Upper bound on columns.</param>
    /// <param name="NonZeros">Upper bound on non-zero coefficients.</param>
    /// <param name="LargestPath">JSON path of the list whose size drives the largest term.</param>
    /// <param name="Breakdown">The terms, for the message.</param>
    /// <param name="Advice">What to reduce.</param>
    public sealed record SizeEstimate(long Variables, long NonZeros, string LargestPath, string Breakdown, string Advice);

    /// <summary>
    /// Upper bounds on the pooled formulation's columns and non-zeros (docs/model.md): unit columns
    /// <c>u[l,t]</c> at most lines x periods, money columns <c>w[k,t]</c> at most the tranches' windows,
    /// group-to-pool flows <c>f[G,g,t]</c> at most (donor group, pool) pairs x periods, need shares
    /// <c>z[n,s]</c> at most needs x periods (x slip profiles of the need's category). Each column appears in at most a fixed number of rows.
    /// </summary>
    internal static SizeEstimate Estimate(AllocationRequest request, FormulationKind kind)
    {
        var p = (long)request.Horizon.Periods;
        var units = request.Lines.Sum(l => Math.Max(0, p - Math.Min(p, l.LeadTime)));
        var money = request.Donors.Sum(d => d.Tranches.Sum(k => (long)(k.ExpiresAfter ?? (int)p - 1) - (k.AvailableFrom ?? 0) + 1));
        // With slips, one share column per need, slip profile of its category's lines and period (DeliveryClasses).
        var profiles = request.Lines.GroupBy(l => l.Category, StringComparer.Ordinal).ToDictionary(c => c.Key,
            c => (long)c.Select(l => string.Join(',', l.Slip ?? [])).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var shares = request.Needs.Sum(n => profiles.GetValueOrDefault(n.Category, 1)) * p;
        var share = request.Policy?.MaxProducerShare is < 1;

        if (kind == FormulationKind.Plain)
        {
            var x = request.Donors.Sum(d => (long)d.Tranches.Count) * units;
            var y = request.Lines.GroupBy(l => l.Category, StringComparer.Ordinal)
                .Sum(c => c.Count() * (long)request.Needs.Count(n => n.Category == c.Key)) * p;
            return new SizeEstimate(x + y + 1, x * (share ? 5 : 3) + 2 * y + request.Lines.Count + 1,
                x >= y ? "$.donors" : "$.needs",
                $"tranches x lines x periods {N(x)}; lines x needs x periods {N(y)}",
                "reduce the number of tranches, lines, needs or periods");
        }

        // Pools: lines funded by the same donors; groups: donors funding the same pools (PoolIndex).
        var poolOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var poolsOfDonor = request.Donors.Select(_ => new SortedSet<int>()).ToArray();
        var earmarks = request.Donors.Select(d => Earmarks.Filter(d.Eligibility)).ToArray();
        foreach (var line in request.Lines)
        {
            var donors = Enumerable.Range(0, request.Donors.Count).Where(d => earmarks[d](line)).ToList();
            if (donors.Count == 0) continue;
            var key = string.Join(',', donors);
            if (!poolOfKey.TryGetValue(key, out var pool))
                pool = poolOfKey[key] = poolOfKey.Count;
            foreach (var d in donors) poolsOfDonor[d].Add(pool);
        }
        var groupPools = poolsOfDonor.Where(s => s.Count > 0)
            .GroupBy(s => string.Join(',', s), StringComparer.Ordinal)
            .Sum(g => (long)g.First().Count);
        var flows = groupPools * p;

        var variables = units + money + flows + shares + 1;
        var nonZeros = 2 * money + 2 * flows + (share ? 4 : 2) * units + 2 * shares + request.Lines.Count + 1;
        var terms = new (long Count, string Path, string Text)[]
        {
            (units, "$.lines", $"lines x periods {N(units)}"),
            (money, "$.donors", $"tranche windows {N(money)}"),
            (flows, "$.donors", $"donor groups x pools x periods {N(flows)}"),
            (shares, "$.needs", $"needs x periods {N(shares)}"),
        };
        var largest = terms.MaxBy(t => t.Count);
        var advice = largest.Text.StartsWith("donor groups", StringComparison.Ordinal)
            ? "reduce the number of periods, or the number of different earmarks (each distinct set of donors that may fund a line adds a pool), or split the request"
            : largest.Path switch
            {
                "$.lines" => "reduce the number of lines or periods, or split the request",
                "$.needs" => "reduce the number of needs or periods, or split the request",
                _ => "reduce the number of tranches or shorten their windows, or split the request",
            };
        return new SizeEstimate(variables, nonZeros, largest.Path, string.Join("; ", terms.Select(t => t.Text)), advice);
    }

    private static string N(long x) => x.ToString("N0", CultureInfo.InvariantCulture);
}
