using System.Globalization;
using Allocator.Cli.Io;
using Allocator.Models;
using Allocator.Report;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Allocator.Cli.Presentation;

/// <summary>The plan as a briefing: totals, then per donor, per need and per line, in plain text tables.</summary>
internal static class PlanTable
{
    public static void Write(TextWriter writer, AllocationRequest request, AllocationResult result)
    {
        var console = PlainConsole(writer);
        var s = result.Summary;
        var currency = result.BaseCurrency;

        console.WriteLine(Terminal.Escape(request.Name ?? "Allocation plan"));
        console.WriteLine($"Status: {result.Status}{(result.Message is null ? "" : $" ({Terminal.Escape(result.Message)})")}");
        console.WriteLine($"Value delivered: {Num(s.Value)} of {Num(s.MaxValue)} possible ({Percent(s.Value, s.MaxValue)})");
        console.WriteLine($"Money committed: {Money(s.Committed, currency)} of {Money(s.Available, currency)} ({Percent(s.Committed, s.Available)}); unallocated {Money(s.Unallocated, currency)}");
        // Contract 1.1: only with commitments or a previous plan, so a v1 briefing is unchanged.
        var signed = result.Allocations.Sum(a => a.Signed ?? 0);
        if (signed > 0)
            console.WriteLine($"Signed: {Money(signed, currency)} in {Plain.Count(result.Allocations.Count(a => a.Signed > 0), "row")}");
        if (result.Revision is { } revision)
            console.WriteLine($"Change from the previous plan: {Money(s.Change ?? 0, currency)}; kept {Money(revision.Kept, currency)} of {Money(revision.Previous, currency)}; {Plain.Count(revision.Dropped.Count, "previous row")} dropped");
        foreach (var dropped in result.Revision?.Dropped ?? [])
            console.WriteLine($"  dropped: {Terminal.Escape(dropped.Donor)} tranche {dropped.Tranche} -> {Terminal.Escape(dropped.Line)}, period {dropped.Period}, {Money(dropped.Amount, currency)}: {Terminal.Escape(dropped.Reason)}");
        if (WholeUnitBriefing.Line(result) is { } wholeUnits) console.WriteLine(Terminal.Escape(wholeUnits));
        console.WriteLine();

        var donors = Table("Donor", "Available", "Committed", "Unallocated", "Used");
        foreach (var d in result.Donors)
            donors.AddRow(Text(d.Id), Right(Money(d.Available, currency)), Right(Money(d.Committed, currency)), Right(Money(d.Unallocated, currency)), Right(Percent(d.Committed, d.Available)));
        console.Write(donors);

        var needs = Table("Need", "Quantity", "Delivered", "On time", "Shortfall", "Value", "Priority");
        foreach (var (n, row) in request.Needs.Zip(result.Needs))
            needs.AddRow(Text(n.Id), Right(Num(n.Quantity)), Right(Num(row.DeliveredUnits)), Right(Num(row.OnTimeUnits)), Right(Num(row.ShortfallUnits)), Right(Num(row.Value)), Right(Num(n.Priority)));
        console.Write(needs);

        var lines = Table("Line", "Category", "Funded units", "Capacity", "Funding");
        foreach (var (l, row) in request.Lines.Zip(result.Lines))
            lines.AddRow(Text(l.Id), Text(l.Category), Right(Num(row.FundedUnits)), Right(Num(row.CapacityUnits)), Right(Money(row.Funding, currency)));
        console.Write(lines);

        var d2 = result.Diagnostics;
        console.WriteLine($"{Plain.Count(result.Allocations.Count, "allocation")}, {Plain.Count(result.Deliveries.Count, "delivery", "deliveries")}; backend {d2.Backend}, {Plain.Count(d2.Variables, "variable")}, {Plain.Count(d2.Constraints, "constraint")}.");
        ExplanationBriefing.Write(console, result, request);
    }

    /// <summary>A console that writes plain text (no colours or control codes) 120 columns wide to <paramref name="writer"/>.</summary>
    public static IAnsiConsole PlainConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;
        return console;
    }

    private static Table Table(params string[] headers)
    {
        var table = new Table { Border = TableBorder.Simple };
        foreach (var (h, i) in headers.Select((h, i) => (h, i)))
            table.AddColumn(new TableColumn(Markup.Escape(h)) { Alignment = i == 0 || h == "Category" ? Justify.Left : Justify.Right });
        return table;
    }

    // Ids and names come from the request: shown with control characters escaped (Io/Terminal.cs).
    private static IRenderable Text(string s) => new Text(Terminal.Escape(s));
    private static IRenderable Right(string s) => new Text(s) { Justification = Justify.Right };

    internal static string Num(double x) => x.ToString(Math.Abs(x) >= 100 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    /// <summary>Money as the briefings write it: "951.7M EUR", or whole units below a million.</summary>
    internal static string Money(double x, string currency) => Math.Abs(x) >= 1e6
        ? $"{(x / 1e6).ToString("#,0.0", CultureInfo.InvariantCulture)}M {Terminal.Escape(currency)}"
        : $"{x.ToString("#,0", CultureInfo.InvariantCulture)} {Terminal.Escape(currency)}";

    internal static string Percent(double part, double whole) =>
        whole > 0 ? (part / whole).ToString("0.0%", CultureInfo.InvariantCulture) : "-";
}
