using System.Text.Json;
using System.Text.Json.Nodes;

namespace Allocator.Models;

/// <summary>
/// What changed between two requests, item by item, each named by its id: donors, their tranches (by donor id and
/// index), lines and needs (added, removed, or changed with the fields that changed), policy fields, and the
/// request-level fields that change a plan (<c>baseCurrency</c>, each exchange rate, <c>horizon</c>, <c>asOf</c>,
/// <c>commitments</c>, <c>solver</c>). <c>name</c> and <c>previousPlan</c> are not compared: they do not change the
/// problem. Items are compared as the contract's JSON, so a field written differently but equal is not a change.
/// </summary>
public static class RequestComparison
{
    /// <summary>Every changed, added or removed item, request-level and policy fields first, then donors, lines and needs.</summary>
    public static IReadOnlyList<RequestChange> Compare(AllocationRequest before, AllocationRequest after)
    {
        var old = Json(before);
        var @new = Json(after);
        var changes = new List<RequestChange>();

        foreach (var field in new[] { "baseCurrency", "horizon", "asOf", "commitments", "solver" })
            Field(changes, "request", field, old[field], @new[field]);
        foreach (var code in Keys(old["exchangeRates"]).Union(Keys(@new["exchangeRates"])))
            Field(changes, "request", $"exchangeRates.{code}", old["exchangeRates"]?[code], @new["exchangeRates"]?[code]);
        foreach (var field in Keys(old["policy"]).Union(Keys(@new["policy"])))
            Field(changes, "policy", field, old["policy"]?[field], @new["policy"]?[field]);

        Items(changes, "donor", old["donors"], @new["donors"], except: "tranches", (id, was, now) =>
        {
            var a = was?["tranches"]?.AsArray() ?? [];
            var b = now?["tranches"]?.AsArray() ?? [];
            for (var k = 0; k < Math.Max(a.Count, b.Count); k++)
            {
                var change = Change(k < a.Count ? a[k] : null, k < b.Count ? b[k] : null, except: null);
                if (change is { } c) changes.Add(new RequestChange { Item = "tranche", Id = id, Tranche = k, Change = c.Change, Fields = c.Fields });
            }
        });
        Items(changes, "line", old["lines"], @new["lines"], except: null, null);
        Items(changes, "need", old["needs"], @new["needs"], except: null, null);
        return changes;
    }

    /// <summary>Items of a list matched by id, in the old order, then the added ones in the new order.</summary>
    private static void Items(List<RequestChange> changes, string item, JsonNode? before, JsonNode? after, string? except,
        Action<string, JsonNode?, JsonNode?>? inside)
    {
        var old = ById(before);
        var @new = ById(after);
        foreach (var id in old.Keys.Concat(@new.Keys).Distinct(StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(id);
            var now = @new.GetValueOrDefault(id);
            var change = Change(was, now, except);
            if (change is { } c) changes.Add(new RequestChange { Item = item, Id = id, Change = c.Change, Fields = c.Fields });
            // Tranches of a removed or added donor go with it; only a donor in both has tranche changes of its own.
            if (inside is not null && was is not null && now is not null) inside(id, was, now);
        }
    }

    private static (string Change, IReadOnlyList<FieldChange>? Fields)? Change(JsonNode? was, JsonNode? now, string? except)
    {
        if (was is null && now is null) return null;
        if (was is null) return ("added", null);
        if (now is null) return ("removed", null);
        var fields = Keys(was).Union(Keys(now)).Where(f => f != except)
            .Where(f => !JsonNode.DeepEquals(was[f], now[f]))
            .Select(f => new FieldChange { Field = f, Before = was[f]?.ToJsonString(), After = now[f]?.ToJsonString() })
            .ToList();
        return fields.Count == 0 ? null : ("changed", fields);
    }

    private static void Field(List<RequestChange> changes, string item, string id, JsonNode? was, JsonNode? now)
    {
        if (JsonNode.DeepEquals(was, now)) return;
        changes.Add(new RequestChange
        {
            Item = item, Id = id, Change = was is null ? "added" : now is null ? "removed" : "changed",
            Fields = [new FieldChange { Field = id, Before = was?.ToJsonString(), After = now?.ToJsonString() }],
        });
    }

    private static Dictionary<string, JsonNode> ById(JsonNode? list)
    {
        var items = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var node in list?.AsArray() ?? [])
            if (node?["id"]?.GetValue<string>() is { } id) items.TryAdd(id, node);
        return items;
    }

    private static IEnumerable<string> Keys(JsonNode? node) => node is JsonObject o ? o.Select(p => p.Key) : [];

    private static JsonObject Json(AllocationRequest request) =>
        JsonSerializer.SerializeToNode(request, AllocatorJsonContext.Default.AllocationRequest)!.AsObject();
}
