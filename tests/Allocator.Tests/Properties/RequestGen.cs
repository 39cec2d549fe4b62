using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using CsCheck;

namespace Allocator.Tests.Properties;

/// <summary>
/// CsCheck generators of small valid requests. Every feature of the contract appears (up to three currencies,
/// tranche windows, earmarks of every kind, lead times, per-period capacity including zeros, late decay, a
/// producer-share cap), with "nice" numbers so a shrunk counter-example reads like a hand-made one. Shrinking
/// goes to fewer periods, donors, lines and needs, and to smaller numbers.
/// </summary>
public static class RequestGen
{
    private static readonly string[] Categories = ["a", "b"];
    private static readonly string[] Countries = ["UA", "PL"];
    private static readonly string[] Producers = ["p1", "p2", "p3"];
    private static readonly string[] Currencies = ["EUR", "USD", "DKK"];
    private static readonly double[] Rates = [0.145, 0.8, 1.08, 1.25];

    /// <summary>
    /// A fixed CsCheck seed per property, so CI runs the same cases every time. CsCheck_Seed replays a printed
    /// failure; ALLOCATOR_RANDOM_SEEDS=1 explores with fresh random seeds (a long local run).
    /// </summary>
    public static string? Seed(int n) =>
        Environment.GetEnvironmentVariable("CsCheck_Seed")
        ?? (Environment.GetEnvironmentVariable("ALLOCATOR_RANDOM_SEEDS") == "1" ? null : new PCG(7, (ulong)n).ToString());

    /// <summary>Cases per property; CsCheck_Iter overrides (a longer local run: CsCheck_Iter=20000).</summary>
    public static long Iterations(long ci) => long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var n) ? n : ci;

    private static Gen<List<string>?> Labels(string[] pool) =>
        Gen.Int[0, 5].SelectMany(roll => roll switch
        {
            <= 2 => Gen.Const((List<string>?)null),
            3 => Gen.Const<List<string>?>([]),
            _ => Gen.Int[0, pool.Length - 1].Array[1, pool.Length].Select(ix => (List<string>?)ix.Distinct().Select(i => pool[i]).ToList()),
        });

    private static Gen<Eligibility?> GenEligibility =>
        Gen.Int[0, 1].SelectMany(none => none == 0
            ? Gen.Const((Eligibility?)null)
            : Gen.Select(Labels(Categories), Labels(Countries), Labels(Producers), Gen.Int[0, 5], (c, k, p, x) => (Eligibility?)new Eligibility
            {
                Categories = c,
                Countries = k,
                Producers = p,
                ExcludedProducers = x < Producers.Length ? [Producers[x]] : null,
            }));

    private static Gen<Tranche> GenTranche(int p, int currencies) =>
        Gen.Select(Gen.Int[1, 40], Gen.Int[0, currencies - 1], Gen.Int[0, p - 1], Gen.Int[0, p - 1], Gen.Int[0, 3], (amount, c, a, b, window) => new Tranche
        {
            Amount = 10 * amount,
            Currency = Currencies[c],
            AvailableFrom = window is 1 or 3 ? Math.Min(a, b) : null,
            ExpiresAfter = window is 2 or 3 ? Math.Max(a, b) : null,
        });

    private static Gen<Donor> GenDonor(int p, int currencies) =>
        Gen.Select(GenTranche(p, currencies).Array[1, 2], GenEligibility, (tranches, eligibility) => new Donor
        {
            Id = "", Tranches = tranches, Eligibility = eligibility,
        });

    private static Gen<Capacity> GenCapacity(int p) =>
        Gen.Int[0, 1].SelectMany(perPeriod => perPeriod == 0
            ? Gen.Int[0, 6].Select(c => Capacity.Every(c))
            : Gen.Int[0, 6].Array[p].Select(cs => Capacity.ByPeriod(cs.Select(c => (double)c).ToList())));

    private static Gen<ProductionLine> GenLine(int p, int currencies) =>
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 2], Gen.Int[0, 1], Gen.Int[1, 40], Gen.Int[0, currencies - 1], Gen.Int[0, 2], GenCapacity(p),
            (category, producer, country, cost, currency, lead, capacity) => new ProductionLine
            {
                Id = "",
                Producer = Producers[producer],
                Country = Countries[country],
                Category = Categories[category],
                UnitCost = cost / 2.0,
                Currency = Currencies[currency],
                LeadTime = lead,
                Capacity = capacity,
            });

    private static Gen<Need> GenNeed(int p) =>
        Gen.Select(Gen.Int[0, 1], Gen.Int[1, 20], Gen.Int[1, 10], Gen.Int[0, p - 1], Gen.Int[0, 5],
            (category, quantity, priority, due, decay) => new Need
            {
                Id = "",
                Category = Categories[category],
                Quantity = quantity,
                Priority = priority,
                DueBy = due,
                LateDecay = decay switch { 0 => null, 1 => 0, 2 => 0.1, 3 => 0.25, 4 => 0.5, _ => 1 },
            });

    /// <summary>A valid request: 1–5 periods, 1–3 donors, 1–4 lines, 1–4 needs, 1–3 currencies.</summary>
    public static Gen<AllocationRequest> Request { get; } =
        from p in Gen.Int[1, 5]
        from currencies in Gen.Int[1, 3]
        from baseIndex in Gen.Int[0, currencies - 1]
        from rates in Gen.Int[0, Rates.Length - 1].Array[3]
        from donors in GenDonor(p, currencies).Array[1, 3]
        from lines in GenLine(p, currencies).Array[1, 4]
        from needs in GenNeed(p).Array[1, 4]
        from share in Gen.Int[0, 9]
        select Assemble(p, currencies, baseIndex, rates, donors, lines, needs, share);

    private static AllocationRequest Assemble(int p, int currencies, int baseIndex, int[] rates, Donor[] donors,
        ProductionLine[] lines, Need[] needs, int share)
    {
        var baseCurrency = Currencies[baseIndex];
        var exchange = Enumerable.Range(0, currencies).Where(c => c != baseIndex)
            .ToDictionary(c => Currencies[c], c => Rates[rates[c]]);
        return new AllocationRequest
        {
            SchemaVersion = "1",
            BaseCurrency = baseCurrency,
            ExchangeRates = exchange.Count == 0 ? null : exchange,
            Horizon = new Horizon { Periods = p },
            Donors = donors.Select((d, i) => new Donor { Id = $"d{i}", Tranches = d.Tranches, Eligibility = d.Eligibility }).ToList(),
            Lines = lines.Select((l, i) => new ProductionLine
            {
                Id = $"l{i}", Producer = l.Producer, Country = l.Country, Category = l.Category, UnitCost = l.UnitCost,
                Currency = l.Currency, LeadTime = l.LeadTime, Capacity = l.Capacity,
            }).ToList(),
            Needs = needs.Select((n, i) => new Need
            {
                Id = $"n{i}", Category = n.Category, Quantity = n.Quantity, Priority = n.Priority, DueBy = n.DueBy, LateDecay = n.LateDecay,
            }).ToList(),
            Policy = share switch { 0 => new Policy { MaxProducerShare = 0.5 }, 1 => new Policy { MaxProducerShare = 0.75 }, 2 => new Policy { MaxProducerShare = 1 }, _ => null },
        };
    }

    /// <summary>The request as contract JSON (what a failing case prints).</summary>
    public static string Print(AllocationRequest request) => RequestReader.Write(request);

    /// <summary>The request as a mutable JSON tree, for metamorphic changes.</summary>
    public static JsonObject Tree(AllocationRequest request) => JsonNode.Parse(RequestReader.Write(request))!.AsObject();

    /// <summary>Reads a changed tree back; the change must keep the request valid.</summary>
    public static AllocationRequest Read(JsonObject tree)
    {
        var json = tree.ToJsonString();
        var read = AllocationEngine.Read(System.Text.Encoding.UTF8.GetBytes(json));
        if (read.Request is null)
            throw new InvalidOperationException($"a metamorphic change made the request invalid: {string.Join("; ", read.Errors)}\n{json}");
        return read.Request;
    }
}
