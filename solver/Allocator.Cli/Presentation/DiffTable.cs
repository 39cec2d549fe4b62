using System.Globalization;
using Allocator.Models;

namespace Allocator.Cli.Presentation;

/// <summary>The diff document as text a planner reads at a terminal: totals, money that moved, needs, request changes.</summary>
internal static class DiffTable
{
    public static void Write(TextWriter writer, PlanDiff diff, string currency)
    {
        writer.WriteLine($"Value: {N(diff.Summary.Value.Before)} -> {N(diff.Summary.Value.After)}");
        writer.WriteLine($"Committed: {PlanTable.Money(diff.Summary.Committed.Before, currency)} -> {PlanTable.Money(diff.Summary.Committed.After, currency)}");
        writer.WriteLine();
        writer.WriteLine(diff.Allocations.Count == 0 ? "No money moved." : $"Money that moved ({diff.Allocations.Count} rows, largest change first):");
        foreach (var a in diff.Allocations)
            writer.WriteLine($"  {a.Donor} tranche {a.Tranche} -> {a.Line}, period {a.Period}: {PlanTable.Money(a.Before, currency)} -> {PlanTable.Money(a.After, currency)} ({Signed(a.After - a.Before, currency)})");
        writer.WriteLine();
        writer.WriteLine(diff.Needs.Count == 0 ? "No need gained or lost." : "Needs that gained or lost:");
        foreach (var n in diff.Needs)
            writer.WriteLine($"  {n.Id}: delivered {N(n.DeliveredUnits.Before)} -> {N(n.DeliveredUnits.After)}, on time {N(n.OnTimeUnits.Before)} -> {N(n.OnTimeUnits.After)}, value {N(n.Value.Before)} -> {N(n.Value.After)}");
        if (diff.RequestChanges is not { } changes) return;
        writer.WriteLine();
        writer.WriteLine(changes.Count == 0 ? "The requests are the same." : "What changed in the request:");
        foreach (var c in changes)
        {
            var name = c.Tranche is { } k ? $"tranche {k} of donor {c.Id}" : c.Item is "policy" or "request" ? c.Id : $"{c.Item} {c.Id}";
            var fields = c.Change == "changed" && c.Item is not ("policy" or "request")
                ? ": " + string.Join("; ", c.Fields!.Select(f => $"{f.Field} {f.Before ?? "(none)"} -> {f.After ?? "(none)"}"))
                : c.Change == "changed" ? $": {c.Fields![0].Before} -> {c.Fields[0].After}" : "";
            writer.WriteLine($"  {name} {c.Change}{fields}");
        }
    }

    private static string N(double x) => x.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Signed(double x, string currency) => (x >= 0 ? "+" : "-") + PlanTable.Money(Math.Abs(x), currency);
}
