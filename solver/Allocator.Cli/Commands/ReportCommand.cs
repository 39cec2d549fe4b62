using System.CommandLine;
using Allocator.Cli.Io;
using Allocator.Models;
using Allocator.Report;

namespace Allocator.Cli.Commands;

/// <summary><c>allocator report RESULT --request REQUEST [-o report.html]</c>: the plan as one self-contained HTML page.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var resultPath = new Argument<string>("result") { Description = "Result JSON written by allocator solve, or - for stdin" };
        var request = new Option<string>("--request", "-r")
        {
            Description = "The request JSON the result was solved from (labels, names, capacities and due dates come from it)",
            Required = true,
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write the HTML report here instead of stdout (a file is replaced atomically; see docs/reliability.md)" };
        var verbose = CommonOptions.Verbose();
        var command = new Command("report", "Draw a plan as a self-contained HTML report: money flows, deliveries against due dates, donors, lines")
        {
            resultPath, request, output, verbose,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Guard.Run(parse.GetValue(verbose), () =>
        {
            var requestPath = parse.GetValue(request)!;
            if (requestPath == "-" && parse.GetValue(resultPath) == "-")
                return ErrorReport.Refused("the result and the request cannot both come from stdin");
            var (outputs, refused) = OutputPlan.Create([("", parse.GetValue(resultPath)), ("--request", requestPath)], ("-o", parse.GetValue(output)));
            if (outputs is null) return ErrorReport.RefusedOutputs(refused);
            var (solvedFrom, inputSha256, result, exit) = ResultWithRequest.Load(requestPath, parse.GetValue(resultPath)!);
            if (solvedFrom is null || result is null) return exit;
            if (!string.Equals(result.Diagnostics.InputSha256, inputSha256, StringComparison.OrdinalIgnoreCase))
                Console.Error.WriteLine("allocator: note: the result was solved from a request with other bytes than this one (ids match, so the report is drawn)");

            var html = ReportWriter.Write(solvedFrom, result);
            outputs.Write(cancellationToken, TextOutput.Render(w => w.Write(html), forTerminal: false));
            return ExitCodes.Ok;
        })));
        return command;
    }
}
