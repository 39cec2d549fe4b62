using System.Globalization;
using Allocator.Cli.Io;
using Allocator.Models;
using Allocator.Report;
using Spectre.Console;

namespace Allocator.Cli.Presentation;

/// <summary>
/// A few lines on delivery risk in the briefing, when the request's lines may slip (contract 1.1, section 4): that the
/// value is expected, what it would be on time, and the producers whose failure would cost most. Exact figures, no
/// sampling; <c>allocator stress</c> gives the spread.
/// </summary>
internal static class DeliveryRiskBriefing
{
    /// <summary>Producers named in the briefing; the stress test lists them all.</summary>
    private const int MaxProducers = 3;

    public static void Write(IAnsiConsole console, AllocationResult result, AllocationRequest request)
    {
        if (!DeliveryRisk.HasSlips(request) || result.Deliveries.Count == 0) return;
        var (expected, ifOnTime, producers) = DeliveryRisk.Exposure(request, result);
        var slipping = request.Lines.Count(DeliveryRisk.MaySlip);
        console.WriteLine();
        console.WriteLine("DELIVERY RISK");
        console.WriteLine($"{Plain.Count(slipping, "line")} may deliver late: the value is the expected value, {Plain.Number(expected)}; "
            + $"{Plain.Number(ifOnTime)} if every unit arrived when due.");
        var top = producers.Where(p => p.Loss > 0).Take(MaxProducers).ToList();
        if (top.Count > 0)
            console.WriteLine("Single points of failure (expected value lost if the producer delivers nothing): "
                + string.Join(", ", top.Select(p => $"{Terminal.Escape(p.Producer)} {Plain.Number(p.Loss)} ({Share(p.LossShare)})")) + ".");
        console.WriteLine("Each need's chance of arriving on time, and the spread of its value: allocator stress RESULT --request REQUEST.");
    }

    private static string Share(double x) => x.ToString("0%", CultureInfo.InvariantCulture);
}
