using System.CommandLine;
using Allocator.Cli.Io;
using Allocator.Models;
using Allocator.Report;
using Allocator.Solver;

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
            var (requestBytes, problem) = RequestSource.Read(requestPath);
            if (requestBytes is not { } requestJson) return ErrorReport.Unreadable(problem!, asJson: false);
            var read = AllocationEngine.Read(requestJson);
            if (read.Request is null) return ErrorReport.Invalid(read.Errors, asJson: false);

            var (resultBytes, resultProblem) = RequestSource.Read(parse.GetValue(resultPath), RequestSource.MaxResultBytes, what: "result");
            if (resultBytes is not { } resultJson) return ErrorReport.Refused(resultProblem!);
            var (result, error) = ResultReader.Read(resultJson);
            if (result is null) return ErrorReport.Refused($"the result is not a valid result document: {error}");

            var mismatches = ReportWriter.Mismatches(read.Request, result);
            if (mismatches.Count > 0)
            {
                Terminal.Error($"allocator: the result does not belong to the request '{requestPath}' (give the request it was solved from):");
                foreach (var m in mismatches) Terminal.Error($"  {m}");
                return ExitCodes.InvalidInput;
            }
            if (!string.Equals(result.Diagnostics.InputSha256, read.InputSha256, StringComparison.OrdinalIgnoreCase))
                Console.Error.WriteLine("allocator: note: the result was solved from a request with other bytes than this one (ids match, so the report is drawn)");

            var html = ReportWriter.Write(read.Request, result);
            outputs.Write(cancellationToken, TextOutput.Render(w => w.Write(html), forTerminal: false));
            return ExitCodes.Ok;
        })));
        return command;
    }
}
