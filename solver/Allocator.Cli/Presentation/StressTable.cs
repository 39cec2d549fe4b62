using System.Globalization;
using Allocator.Cli.Io;
using Allocator.Models;
using Allocator.Report;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Allocator.Cli.Presentation;

/// <summary><c>allocator stress</c> on a terminal: the plan's value spread, each need, then the producers by loss.</summary>
internal static class StressTable
{
    public static void Write(TextWriter writer, AllocationRequest request, StressReport report)
    {
        var console = PlanTable.PlainConsole(writer);
        var v = report.Value;
        console.WriteLine("Delivery risk: " + Terminal.Escape(request.Name ?? "allocation plan"));
        console.WriteLine($"{report.Samples.ToString("#,0", CultureInfo.InvariantCulture)} sampled outcomes (seed {report.Seed.ToString(CultureInfo.InvariantCulture)}); the plan is held fixed.");
        console.WriteLine($"Value: expected {N(v.Expected)} ({N(v.IfOnTime)} if every unit arrived when due); P10 {N(v.P10)}, median {N(v.P50)}, P90 {N(v.P90)}.");
        if (!DeliveryRisk.HasSlips(request))
            console.WriteLine("No line of the request has a slip: every outcome is the plan itself.");

        var needs = Table("Need", "On time planned", "P(on time)", "On time (mean)", "Value P10", "P50", "P90", "Expected", "If on time");
        foreach (var n in report.Needs)
            needs.AddRow(new Text(Terminal.Escape(n.Id)), Right(N(n.PlannedOnTimeUnits)),
                Right(n.OnTimeProbability is { } p ? p.ToString("0.0%", CultureInfo.InvariantCulture) : "-"), Right(N(n.MeanOnTimeUnits)),
                Right(N(n.Value.P10)), Right(N(n.Value.P50)), Right(N(n.Value.P90)), Right(N(n.Value.Expected)), Right(N(n.Value.IfOnTime)));
        console.Write(needs);

        var producers = Table("Producer", "Lines", "Value lost if it delivers nothing", "Share", "Needs hit most");
        foreach (var p in report.Producers)
            producers.AddRow(new Text(Terminal.Escape(p.Producer)), new Text(Terminal.Escape(string.Join(", ", p.Lines))), Right(N(p.Loss)),
                Right(p.LossShare.ToString("0.0%", CultureInfo.InvariantCulture)),
                new Text(Terminal.Escape(string.Join(", ", p.Needs.Take(3).Select(x => $"{x.Id} {N(x.Loss)}")))));
        console.Write(producers);
        console.WriteLine("P(on time): the chance that every unit the plan delivers on time arrives by the due date. The plan is held fixed: late units still go to the need they were meant for.");
    }

    private static Table Table(params string[] headers)
    {
        var table = new Table { Border = TableBorder.Simple };
        foreach (var (h, i) in headers.Select((h, i) => (h, i)))
            table.AddColumn(new TableColumn(Markup.Escape(h)) { Alignment = i == 0 || h is "Lines" or "Needs hit most" ? Justify.Left : Justify.Right });
        return table;
    }

    private static IRenderable Right(string s) => new Text(s) { Justification = Justify.Right };

    private static string N(double x) => Plain.Number(x);
}
