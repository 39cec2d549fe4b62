using System.Globalization;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using CsCheck;
using static Allocator.Tests.Properties.PlanPropertyTests;

namespace Allocator.Tests.Properties;

/// <summary>
/// Metamorphic properties: how the optimal value must (or must not) move when the request changes. Each case
/// solves a generated request and a changed copy; a failure prints the original request and names the change.
/// </summary>
public class MetamorphicPropertyTests
{
    private const long Cases = 1500;

    /// <summary>A loosening of one kind, applied to the JSON tree; <c>pick</c> chooses the item, <c>step</c> how much.</summary>
    public static TheoryData<string> Loosenings() => new("money", "capacity", "earmark", "window", "dueDate");

    [Theory]
    [MemberData(nameof(Loosenings))]
    public void Solve_LoosenedRequest_NeverLowersValue(string loosening)
    {
        var gen = Gen.Select(RequestGen.Request, Gen.Int[0, 100], Gen.Int[1, 4]);
        gen.Sample((request, pick, step) =>
        {
            var tree = RequestGen.Tree(request);
            var change = Loosen(tree, loosening, pick, step);
            var looser = RequestGen.Read(tree);

            var before = AllocationEngine.Solve(request).Summary;
            var after = AllocationEngine.Solve(looser).Summary;

            var tolerance = 1e-7 * Math.Max(before.Value, 1e-9 * before.MaxValue) + 1e-12;
            Assert.True(after.Value >= before.Value - tolerance,
                $"{change}: value fell from {before.Value:R} to {after.Value:R}\nchanged request:\n{RequestReader.Write(looser)}");
        }, seed: RequestGen.Seed(10 + loosening.Length), iter: RequestGen.Iterations(Cases),
            print: c => $"pick {c.Item2}, step {c.Item3}\n{RequestGen.Print(c.Item1)}");
    }

    [Fact]
    public void Solve_AllMoneyMultiplied_KeepsValueAndScalesCommitted()
    {
        // Within the supported ranges (SupportedRanges): generated unit costs are 0.5 to 20, amounts 10 to 400.
        var factors = new[] { 0.2, 3, 1000, 123456, 1e7 };
        Gen.Select(RequestGen.Request, Gen.Int[0, factors.Length - 1]).Sample((request, f) =>
        {
            var factor = factors[f];
            var tree = RequestGen.Tree(request);
            foreach (var tranche in Tranches(tree)) tranche["amount"] = tranche["amount"]!.GetValue<double>() * factor;
            foreach (var line in tree["lines"]!.AsArray()) line!["unitCost"] = line["unitCost"]!.GetValue<double>() * factor;
            var scaled = RequestGen.Read(tree);

            var before = AllocationEngine.Solve(request).Summary;
            var after = AllocationEngine.Solve(scaled).Summary;

            AssertClose(after.Value, before.Value, before.MaxValue, $"value after multiplying money by {factor}");
            AssertClose(after.Committed, before.Committed * factor, before.Available * factor, $"committed after multiplying money by {factor}");
        }, seed: RequestGen.Seed(20), iter: RequestGen.Iterations(Cases), print: c => $"factor {factors[c.Item2]}\n{RequestGen.Print(c.Item1)}");
    }

    [Fact]
    public void Solve_OtherBaseCurrency_KeepsValueAndConvertsCommitted()
    {
        // The new base is one of the request's currencies or GBP, worth `rate` of the old base.
        var newRates = new[] { 0.5, 1.17, 40 };
        Gen.Select(RequestGen.Request, Gen.Int[0, 3], Gen.Int[0, newRates.Length - 1]).Sample((request, choice, r) =>
        {
            var oldRates = request.Currencies().ToDictionary(c => c, c => c == request.BaseCurrency ? 1.0 : request.ExchangeRates![c]);
            var candidates = oldRates.Keys.Where(c => c != request.BaseCurrency).Append("GBP").ToList();
            var newBase = candidates[choice % candidates.Count];
            var rate = oldRates.GetValueOrDefault(newBase, newRates[r]); // value of one newBase in the old base
            var tree = RequestGen.Tree(request);
            tree["baseCurrency"] = newBase;
            var rates = new JsonObject();
            foreach (var (code, old) in oldRates.Where(x => x.Key != newBase))
                rates[code] = old / rate;
            tree["exchangeRates"] = rates;
            var rebased = RequestGen.Read(tree);

            var before = AllocationEngine.Solve(request).Summary;
            var after = AllocationEngine.Solve(rebased).Summary;

            AssertClose(after.Value, before.Value, before.MaxValue, $"value in {newBase}");
            AssertClose(after.Committed, before.Committed / rate, before.Available / rate, $"committed in {newBase} (1 {newBase} = {rate} {request.BaseCurrency})");
            AssertClose(after.Available, before.Available / rate, before.Available / rate, $"available in {newBase}");
        }, seed: RequestGen.Seed(21), iter: RequestGen.Iterations(Cases), print: c => $"choice {c.Item2}, rate {newRates[c.Item3]}\n{RequestGen.Print(c.Item1)}");
    }

    [Fact]
    public void Solve_RenamedIdsAndLabels_KeepsValueAndCommitted()
    {
        RequestGen.Request.Sample(request =>
        {
            // Ids, and consistently every producer, country and category label (in lines, needs and earmarks).
            static string Rename(string s) => $"Ω-{new string(s.Reverse().ToArray())}-{s.Length * 7919 % 97}";
            var tree = RequestGen.Tree(request);
            foreach (var node in Items(tree, "donors").Concat(Items(tree, "lines")).Concat(Items(tree, "needs")))
                node["id"] = Rename(node["id"]!.GetValue<string>());
            foreach (var line in Items(tree, "lines"))
                foreach (var field in new[] { "producer", "country", "category" })
                    line[field] = Rename(line[field]!.GetValue<string>());
            foreach (var need in Items(tree, "needs"))
                need["category"] = Rename(need["category"]!.GetValue<string>());
            foreach (var donor in Items(tree, "donors"))
                if (donor["eligibility"] is JsonObject e)
                    foreach (var (_, list) in e)
                        if (list is JsonArray labels)
                            for (var i = 0; i < labels.Count; i++) labels[i] = Rename(labels[i]!.GetValue<string>());
            var renamed = RequestGen.Read(tree);

            var before = AllocationEngine.Solve(request).Summary;
            var after = AllocationEngine.Solve(renamed).Summary;

            AssertClose(after.Value, before.Value, before.MaxValue, "value after renaming");
            AssertClose(after.Committed, before.Committed, before.Available, "committed after renaming");
        }, seed: RequestGen.Seed(22), iter: RequestGen.Iterations(Cases), print: RequestGen.Print);
    }

    [Fact]
    public void Solve_ReorderedDonorsTranchesLinesNeeds_KeepsValueAndCommitted()
    {
        Gen.Select(RequestGen.Request, Gen.Int[1, int.MaxValue]).Sample((request, shuffleSeed) =>
        {
            var rng = new Random(shuffleSeed);
            var tree = RequestGen.Tree(request);
            foreach (var donor in Items(tree, "donors"))
                Shuffle(donor["tranches"]!.AsArray(), rng);
            foreach (var list in new[] { "donors", "lines", "needs" })
                Shuffle(tree[list]!.AsArray(), rng);
            var reordered = RequestGen.Read(tree);

            var before = AllocationEngine.Solve(request).Summary;
            var after = AllocationEngine.Solve(reordered).Summary;

            AssertClose(after.Value, before.Value, before.MaxValue, "value after reordering");
            AssertClose(after.Committed, before.Committed, before.Available, "committed after reordering");
        }, seed: RequestGen.Seed(23), iter: RequestGen.Iterations(Cases), print: c => $"shuffle seed {c.Item2}\n{RequestGen.Print(c.Item1)}");
    }

    // Loosenings -------------------------------------------------------------------------------------------------

    /// <summary>Applies one loosening of kind <paramref name="kind"/>; returns what it did (a no-op is allowed).</summary>
    internal static string Loosen(JsonObject tree, string kind, int pick, int step)
    {
        var periods = tree["horizon"]!["periods"]!.GetValue<int>();
        switch (kind)
        {
            case "money":
            {
                var tranches = Tranches(tree).ToList();
                var t = tranches[pick % tranches.Count];
                var amount = t["amount"]!.GetValue<double>();
                t["amount"] = amount * (1 + step / 4.0);
                return $"tranche #{pick % tranches.Count} amount {amount} -> {amount * (1 + step / 4.0)}";
            }
            case "capacity":
            {
                var lines = Items(tree, "lines").ToList();
                var l = lines[pick % lines.Count];
                if (l["capacity"] is JsonArray perPeriod)
                {
                    var s = pick / lines.Count % periods;
                    perPeriod[s] = perPeriod[s]!.GetValue<double>() + step;
                    return $"line {l["id"]} capacity[{s}] +{step}";
                }
                l["capacity"] = l["capacity"]!.GetValue<double>() + step;
                return $"line {l["id"]} capacity +{step}";
            }
            case "earmark":
            {
                var donors = Items(tree, "donors").Where(d => d["eligibility"] is JsonObject).ToList();
                if (donors.Count == 0) return "no earmark to loosen";
                var d = donors[pick % donors.Count];
                var e = d["eligibility"]!.AsObject();
                var lists = e.Select(x => x.Key).ToList();
                switch (step)
                {
                    case 1:
                        d.Remove("eligibility");
                        return $"donor {d["id"]}: earmarks removed";
                    case 2 when e["excludedProducers"] is JsonArray { Count: > 0 } excluded:
                        excluded.RemoveAt(0);
                        return $"donor {d["id"]}: first excluded producer removed";
                    case 3 when lists.Count > 0:
                        e.Remove(lists[pick % lists.Count]);
                        return $"donor {d["id"]}: list {lists[pick % lists.Count]} removed";
                    default:
                        // Allow one more label in a non-empty allowed list.
                        var extra = new Dictionary<string, string[]> { ["categories"] = ["a", "b"], ["countries"] = ["UA", "PL"], ["producers"] = ["p1", "p2", "p3"] };
                        foreach (var (name, pool) in extra)
                            if (e[name] is JsonArray { Count: > 0 } allowed && pool.FirstOrDefault(x => !allowed.Any(a => a!.GetValue<string>() == x)) is { } add)
                            {
                                allowed.Add(add);
                                return $"donor {d["id"]}: {name} += {add}";
                            }
                        return "no allowed list to widen";
                }
            }
            case "window":
            {
                var tranches = Tranches(tree).ToList();
                var t = tranches[pick % tranches.Count];
                if (step % 2 == 0 && t["availableFrom"] is { } from)
                {
                    var f = from.GetValue<int>();
                    t["availableFrom"] = Math.Max(0, f - step / 2);
                    return $"tranche #{pick % tranches.Count} availableFrom {f} -> {Math.Max(0, f - step / 2)}";
                }
                if (t["expiresAfter"] is { } until)
                {
                    var u = until.GetValue<int>();
                    t["expiresAfter"] = Math.Min(periods - 1, u + step);
                    return $"tranche #{pick % tranches.Count} expiresAfter {u} -> {Math.Min(periods - 1, u + step)}";
                }
                t.Remove("availableFrom");
                return $"tranche #{pick % tranches.Count} opened from period 0";
            }
            case "dueDate":
            {
                var needs = Items(tree, "needs").ToList();
                var n = needs[pick % needs.Count];
                var due = n["dueBy"]!.GetValue<int>();
                n["dueBy"] = Math.Min(periods - 1, due + step);
                return $"need {n["id"]} dueBy {due} -> {Math.Min(periods - 1, due + step)}";
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    internal static IEnumerable<JsonObject> Items(JsonObject tree, string list) => tree[list]!.AsArray().Select(x => x!.AsObject());

    internal static IEnumerable<JsonObject> Tranches(JsonObject tree) =>
        Items(tree, "donors").SelectMany(d => d["tranches"]!.AsArray().Select(x => x!.AsObject()));

    private static void Shuffle(JsonArray array, Random rng)
    {
        var items = array.ToList();
        array.Clear();
        foreach (var item in items.OrderBy(_ => rng.Next())) array.Add(item);
    }
}

internal static class RequestCurrencies
{
    /// <summary>Every currency the request names: the base, the rates' keys, tranches' and lines' currencies.</summary>
    public static IEnumerable<string> Currencies(this AllocationRequest request) =>
        new[] { request.BaseCurrency }
            .Concat(request.ExchangeRates?.Keys ?? [])
            .Concat(request.Donors.SelectMany(d => d.Tranches.Select(k => k.Currency)))
            .Concat(request.Lines.Select(l => l.Currency))
            .Distinct(StringComparer.Ordinal);

    public static string Invariant(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
