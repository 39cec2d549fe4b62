using System.CommandLine;
using Allocator.Cli.Io;
using Allocator.Cli.Presentation;
using Allocator.Models;
using Allocator.Report;
using Allocator.Solver;

namespace Allocator.Cli.Commands;

/// <summary><c>allocator solve [REQUEST] [-o RESULT]</c>: the main job.</summary>
internal static class SolveCommand
{
    public static Command Create()
    {
        var request = CommonOptions.Request("Request JSON file or workbook (.xlsx), or - for stdin; without it the bundled 2024 example is solved and summarised");
        var output = new Option<string?>("--output", "-o") { Description = "Write the result here instead of stdout (a file is replaced atomically; see docs/reliability.md)" };
        var format = new Option<string?>("--format", "-f") { Description = "json (default with a request file), table (default without one) or xlsx (the default for -o *.xlsx)" };
        format.AcceptOnlyFromAmong("json", "table", "xlsx");
        var backend = new Option<string?>("--backend") { Description = $"LP backend, overriding the request: {string.Join(", ", AllocationEngine.KnownBackends)}" };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Seconds the solver may use, overriding the request" };
        var maxRequestBytes = CommonOptions.MaxRequestBytes();
        var maxVariables = new Option<long?>("--max-variables") { Description = "Largest LP accepted, in estimated variables (default 5,000,000)" };
        var maxNonZeros = new Option<long?>("--max-non-zeros") { Description = "Largest LP accepted, in estimated non-zeros (default 50,000,000)" };
        var report = new Option<string?>("--report") { Description = "Also write the plan as a self-contained HTML report to this file" };
        var explain = CommonOptions.Explain("auto");
        var errorsJson = CommonOptions.ErrorsJson();
        var verbose = CommonOptions.Verbose();

        var command = new Command("solve", "Solve an allocation request and write the plan")
        {
            request, output, format, backend, timeLimit, explain, maxRequestBytes, maxVariables, maxNonZeros, report, errorsJson, verbose,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Guard.Run(parse.GetValue(verbose), () =>
        {
            var path = parse.GetValue(request);
            var asJson = parse.GetValue(errorsJson);
            var reportPath = parse.GetValue(report);
            // Output paths are checked before anything is read or solved (not the input, not each other, writable).
            var outputPaths = new List<(string, string?)> { ("-o", parse.GetValue(output)) };
            if (reportPath is not null) outputPaths.Add(("--report", reportPath));
            var (outputs, refused) = OutputPlan.Create([("", path)], [.. outputPaths]);
            if (outputs is null) return ErrorReport.RefusedOutputs(refused);
            var chosen = parse.GetValue(format) ?? (Workbook.WorkbookFile.IsWorkbookPath(parse.GetValue(output)) ? "xlsx" : path is null ? "table" : "json");
            if (chosen == "xlsx" && parse.GetValue(output) is null && !Console.IsOutputRedirected)
                return ErrorReport.Refused("a workbook is not for the terminal: give -o plan.xlsx (or redirect stdout to a file)");

            var (bytes, problem) = RequestSource.Read(path, parse.GetValue(maxRequestBytes), CommonOptions.RaiseRequestLimit);
            if (bytes is not { } requestBytes) return ErrorReport.Unreadable(problem!, asJson);

            var options = new SolveOptions
            {
                Backend = parse.GetValue(backend),
                TimeLimitSeconds = parse.GetValue(timeLimit),
                Explain = CommonOptions.ExplainLevelOf(parse.GetValue(explain)!),
                MaxRequestBytes = parse.GetValue(maxRequestBytes),
                MaxVariables = parse.GetValue(maxVariables),
                MaxNonZeros = parse.GetValue(maxNonZeros),
            };
            SolveOutcome outcome;
            using (StandardOutput.KeepNativeOutputOff())
                outcome = AllocationEngine.Solve(requestBytes, options, cancellationToken);
            if (outcome.Result is not { } result) return ErrorReport.Invalid(CliWording.ForCli(outcome.Errors), asJson);
            var solved = outcome.Request!; // read and validated once, by the engine
            WarningOutput.Print(result.Warnings ?? []);

            var main = chosen switch
            {
                "xlsx" => Workbook.ResultWorkbook.Write(solved, result),
                "table" => TextOutput.Render(writer => PlanTable.Write(writer, solved, result), forTerminal: true),
                _ => AllocatorJson.SerializeToUtf8Line(result),
            };
            if (reportPath is null)
                outputs.Write(cancellationToken, main);
            else
                outputs.Write(cancellationToken, main, TextOutput.Render(w => w.Write(ReportWriter.Write(solved, result)), forTerminal: false));
            return result.Status == "not_solved" ? ExitCodes.InternalError : ExitCodes.Ok;
        })));
        return command;
    }
}
