using System.Globalization;
using Allocator.Cli.Io;
using Allocator.Models;
using Allocator.Report;
using Spectre.Console;

namespace Allocator.Cli.Presentation;

/// <summary>
/// The explanations as a briefing a planner can hand over: the gain over a hand-made plan, what more money would buy,
/// and why money is left, needs are short and capacity is idle, each in a sentence with numbers. Long lists show the
/// largest items and say how many more the JSON holds.
/// </summary>
internal static class ExplanationBriefing
{
    /// <summary>At most this many items per list; the rest are counted.</summary>
    private const int MaxItems = 12;

    /// <param name="request">The request, when known: periods are then named by month ("Oct 2024") where the horizon has a start.</param>
    public static void Write(IAnsiConsole console, AllocationResult result, AllocationRequest? request = null)
    {
        var periods = request is null ? null : new PeriodLabels(request.Horizon);
        if (request is not null) DeliveryRiskBriefing.Write(console, result, request);
        if (result.Explanations is not { } e) return;
        var currency = result.BaseCurrency;
        console.WriteLine();
        console.WriteLine("WHY THE PLAN LOOKS LIKE THIS");
        var b = e.Baseline;
        console.WriteLine(b.GainPercent is { } gain
            ? $"The optimised plan delivers {Num(result.Summary.Value)} value, {Percent(gain)} more than a careful hand-made plan ({Num(b.Value)} value, {Money(b.Committed, currency)} committed)."
            : $"The optimised plan delivers {Num(result.Summary.Value)} value; the hand-made plan delivers {Num(b.Value)} ({Money(b.Committed, currency)} committed).");
        console.WriteLine($"Hand-made plan: {E(b.Method)}.");

        var valued = e.Tranches.Where(t => t.MarginalValuePerMillion is > 0).OrderByDescending(t => t.MarginalValuePerMillion).ThenBy(t => t.Donor, StringComparer.Ordinal).ToList();
        if (e.Tranches.Any(t => t.MarginalValuePerMillion is not null))
        {
            console.WriteLine();
            console.WriteLine("What one more million would buy (value gained per extra 1M " + E(currency) + " in the tranche; the others add nothing)");
            if (valued.Count == 0)
                console.WriteLine("  No tranche: money is not the bottleneck; capacity, timing or the needs' sizes are.");
            else
            {
                var table = new Table { Border = TableBorder.Simple };
                table.AddColumn("Donor").AddColumn("Tranche").AddColumn(new TableColumn("Value per +1M").RightAligned()).AddColumn("How obtained");
                foreach (var t in valued.Take(MaxItems))
                    table.AddRow(new Text(E(t.Donor)), new Text(t.Tranche.ToString(CultureInfo.InvariantCulture)),
                        new Text(Num(t.MarginalValuePerMillion!.Value)), new Text(E(t.Derivative)) );
                console.Write(table);
                More(console, valued.Count, "tranches with a positive value", "explanations.tranches");
            }
        }

        Section(console, "Money left unallocated, and why",
            e.Tranches.Where(t => t.Reason is not null).OrderByDescending(t => t.Unallocated).Select(t => ($"{E(t.Donor)} tranche {t.Tranche}: {Money(t.Unallocated, currency)}", t.Reason!)).ToList(),
            "tranches", "explanations.tranches");
        Section(console, "Needs short, and why",
            e.Needs.Where(n => n.Reason is not null).OrderByDescending(n => n.ShortfallUnits * (n.MarginalValuePerUnit ?? 0)).ThenByDescending(n => n.ShortfallUnits)
                .Select(n => ($"{E(n.Need)}: {Plain.Count(Num(n.ShortfallUnits), "unit")} short" + (n.MarginalValuePerUnit is > 0 ? $", one more unit would add {Num(n.MarginalValuePerUnit.Value)} value" : ""), n.Reason!)).ToList(),
            "needs", "explanations.needs");
        Section(console, "Capacity left unfunded, and why",
            e.Lines.Where(l => l.Reason is not null).OrderByDescending(l => l.UnfundedUnits).Select(l => ($"{E(l.Line)}: {Plain.Count(Num(l.UnfundedUnits), "unit")} unfunded", l.Reason!)).ToList(),
            "lines", "explanations.lines");

        var bottlenecks = e.Lines.Select(l => (l.Line, Best: l.CapacityValue.Where(v => v.Value > 0).ToList())).Where(x => x.Best.Count > 0)
            .OrderByDescending(x => x.Best.Max(v => v.Value)).ToList();
        if (bottlenecks.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("Capacity that limits value (value gained per extra unit of capacity, by delivery period)");
            foreach (var (line, values) in bottlenecks.Take(MaxItems))
                console.WriteLine($"  {E(line)}: " + string.Join(", ", values.Take(6).Select(v => $"{periods?[v.Period] ?? $"period {v.Period}"}: {Num(v.Value)}")) + (values.Count > 6 ? $" and {Plain.Count(values.Count - 6, "more period")}" : ""));
            More(console, bottlenecks.Count, "lines", "explanations.lines[].capacityValue");
        }

        if (e.Notes is { Count: > 0 } notes)
        {
            console.WriteLine();
            console.WriteLine("Notes");
            foreach (var note in notes) console.Write(new Padder(new Text("- " + E(note)), new Padding(2, 0, 0, 0)));
        }
        console.WriteLine();
        console.Write(new Text($"Marginal values: {E(e.MarginalValueBasis)}"));
        console.WriteLine();
    }

    private static void Section(IAnsiConsole console, string title, List<(string Head, Reason Reason)> items, string noun, string path)
    {
        if (items.Count == 0) return;
        console.WriteLine();
        console.WriteLine(title);
        foreach (var (head, reason) in items.Take(MaxItems))
        {
            console.WriteLine($"  - {head} [{E(reason.Code)}]");
            console.Write(new Padder(new Text(E(reason.Message)), new Padding(6, 0, 0, 0)));
        }
        More(console, items.Count, noun, path);
    }

    private static void More(IAnsiConsole console, int count, string noun, string path)
    {
        if (count > MaxItems) console.WriteLine($"  ... and {count - MaxItems} more {(count - MaxItems == 1 ? noun.TrimEnd('s') : noun)} (all are in the result JSON, {path}).");
    }

    /// <summary>Plain digits with three significant digits (0.000693, never 6.928E-4).</summary>
    private static string Num(double x) => Plain.Number(x);

    private static string Percent(double x) => x.ToString(Math.Abs(x) >= 10 ? "#,0.#" : "#,0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>Text from the request or the result (ids, names, reasons quoting them), with control characters escaped.</summary>
    private static string E(string? text) => Terminal.Escape(text);

    private static string Money(double x, string currency) => PlanTable.Money(x, currency);
}
