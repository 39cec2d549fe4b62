using System.CommandLine;
using Allocator.Cli.Io;
using Allocator.Cli.Presentation;
using Allocator.Models;

namespace Allocator.Cli.Commands;

/// <summary>
/// <c>allocator stress RESULT --request REQUEST [--samples N --seed S]</c>: the plan replayed under the request's slips
/// (docs/contract.md, "Stress-testing a plan"), as JSON, or as a table on a terminal.
/// </summary>
internal static class StressCommand
{
    /// <summary>More outcomes than this add nothing a planner can read and only cost time and memory.</summary>
    private const int MaxSamples = 1_000_000;

    public static Command Create()
    {
        var resultPath = new Argument<string>("result") { Description = "Result JSON written by allocator solve, or - for stdin" };
        var request = new Option<string>("--request", "-r")
        {
            Description = "The request JSON the result was solved from (its lines' slips are sampled)",
            Required = true,
        };
        var samples = new Option<int>("--samples", "-n") { Description = $"Number of sampled outcomes (default {DeliveryRisk.DefaultSamples:#,0})", DefaultValueFactory = _ => DeliveryRisk.DefaultSamples };
        var seed = new Option<long>("--seed") { Description = "Seed of the sampler: the same seed gives the same report (default 0)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report here instead of stdout (a file is replaced atomically; see docs/reliability.md)" };
        var format = new Option<string?>("--format", "-f") { Description = "json, or table (the default on a terminal)" };
        format.AcceptOnlyFromAmong("json", "table");
        var verbose = CommonOptions.Verbose();
        var command = new Command("stress", "Stress-test a plan against late deliveries: each need's chance of arriving on time, the spread of its value, and the producers whose failure would cost most")
        {
            resultPath, request, samples, seed, output, format, verbose,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Guard.Run(parse.GetValue(verbose), () =>
        {
            var count = parse.GetValue(samples);
            if (count is < 1 or > MaxSamples)
                return ErrorReport.Refused($"--samples {count} is outside 1 to {MaxSamples:#,0}");
            var requestPath = parse.GetValue(request)!;
            if (requestPath == "-" && parse.GetValue(resultPath) == "-")
                return ErrorReport.Refused("the result and the request cannot both come from stdin");
            var (outputs, refused) = OutputPlan.Create([("", parse.GetValue(resultPath)), ("--request", requestPath)], ("-o", parse.GetValue(output)));
            if (outputs is null) return ErrorReport.RefusedOutputs(refused);
            var table = (parse.GetValue(format) ?? (parse.GetValue(output) is null && !Console.IsOutputRedirected ? "table" : "json")) == "table";

            var (solvedFrom, _, result, exit) = ResultWithRequest.Load(requestPath, parse.GetValue(resultPath)!);
            if (solvedFrom is null || result is null) return exit;

            var report = DeliveryRisk.Stress(solvedFrom, result, count, parse.GetValue(seed));
            outputs.Write(cancellationToken, TextOutput.Render(writer =>
            {
                if (table) StressTable.Write(writer, solvedFrom, report);
                else writer.WriteLine(AllocatorJson.Serialize(report));
            }, forTerminal: table));
            return ExitCodes.Ok;
        })));
        return command;
    }
}
