using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Allocator.Cli.Io;
using Allocator.Cli.Presentation;
using Allocator.Models;
using Allocator.Solver;
using Spectre.Console;

namespace Allocator.Cli.Commands;

/// <summary>
/// <c>allocator explain RESULT.json</c> prints the briefing of a result's explanations; <c>allocator explain
/// REQUEST.json</c> solves the request first. Without a file it explains the bundled 2024 example.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var input = CommonOptions.Request("A result JSON written by allocator solve, or a request JSON (solved first), or - for stdin; without it the bundled 2024 example");
        var output = new Option<string?>("--output", "-o") { Description = "Write the briefing here instead of stdout (a file is replaced atomically; see docs/reliability.md)" };
        var maxRequestBytes = CommonOptions.MaxRequestBytes();
        var backend = new Option<string?>("--backend") { Description = "When solving a request: LP backend, overriding the request" };
        var explain = CommonOptions.Explain("auto");
        explain.Description = "When solving a request: " + explain.Description;
        var requestOption = new Option<string?>("--request", "-r")
        {
            Description = "With a result: the request it was solved from (periods named by month and, when lines may slip, the delivery risk)",
        };
        var errorsJson = CommonOptions.ErrorsJson();
        var verbose = CommonOptions.Verbose();
        var command = new Command("explain", "Explain a plan: the gain over a hand-made plan, what more money would buy, and why money is left, needs are short and capacity idle")
        {
            input, output, backend, explain, maxRequestBytes, requestOption, errorsJson, verbose,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Guard.Run(parse.GetValue(verbose), () =>
        {
            var path = parse.GetValue(input);
            var asJson = parse.GetValue(errorsJson);
            var (outputs, refused) = OutputPlan.Create([("", path), ("--request", parse.GetValue(requestOption))], ("-o", parse.GetValue(output)));
            if (outputs is null) return ErrorReport.RefusedOutputs(refused);
            // A result may be larger than a request: read to the larger cap; a request is held to its own by the engine.
            var cap = Math.Max(parse.GetValue(maxRequestBytes) ?? 0, RequestSource.MaxResultBytes);
            var (read, problem) = RequestSource.Read(path, cap, what: "result or request");
            if (read is not { } bytes) return ErrorReport.Unreadable(problem!, asJson);

            AllocationResult result;
            AllocationRequest? request = null;
            if (LooksLikeResult(bytes))
            {
                var (readResult, error) = ResultReader.Read(bytes);
                if (readResult is null) return ErrorReport.Refused($"the input is not a valid result document: {error}");
                if (readResult.Explanations is null)
                    return ErrorReport.Refused("the result has no explanations (it was solved with --explain none, or by an older engine): run allocator explain on its request instead");
                result = readResult;
                if (parse.GetValue(requestOption) is { } requestPath)
                {
                    var (requestBytes, requestProblem) = RequestSource.Read(requestPath);
                    if (requestBytes is not { } requestJson) return ErrorReport.Unreadable(requestProblem!, asJson);
                    var readRequest = AllocationEngine.Read(requestJson);
                    if (readRequest.Request is null) return ErrorReport.Invalid(readRequest.Errors, asJson);
                    if (Report.ReportWriter.Mismatches(readRequest.Request, result) is { Count: > 0 } mismatches)
                        return ErrorReport.Refused($"the result does not belong to the request '{requestPath}': {string.Join("; ", mismatches)}");
                    request = readRequest.Request;
                }
            }
            else
            {
                var options = new SolveOptions { Backend = parse.GetValue(backend), Explain = CommonOptions.ExplainLevelOf(parse.GetValue(explain)!), MaxRequestBytes = parse.GetValue(maxRequestBytes) };
                SolveOutcome outcome;
                using (StandardOutput.KeepNativeOutputOff())
                    outcome = AllocationEngine.Solve(bytes, options, cancellationToken);
                if (outcome.Result is not { } solved) return ErrorReport.Invalid(CliWording.ForCli(outcome.Errors), asJson);
                if (solved.Explanations is null) return ErrorReport.Refused("--explain none leaves nothing to explain (use auto, full, duals or reasons)");
                result = solved;
                request = outcome.Request; // read and validated once, by the engine
            }
            outputs.Write(cancellationToken, TextOutput.Render(writer =>
            {
                var console = PlanTable.PlainConsole(writer);
                console.WriteLine(Terminal.Escape(request?.Name ?? "Allocation plan"));
                var s = result.Summary;
                console.WriteLine($"Status: {result.Status}{(result.Message is null ? "" : $" ({Terminal.Escape(result.Message)})")}");
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Value delivered: {s.Value:#,0.###} of {s.MaxValue:#,0.###} possible; money committed: {PlanTable.Money(s.Committed, result.BaseCurrency)} of {PlanTable.Money(s.Available, result.BaseCurrency)}"));
                if (WholeUnitBriefing.Line(result) is { } wholeUnits) console.WriteLine(Terminal.Escape(wholeUnits));
                ExplanationBriefing.Write(console, result, request);
            }, forTerminal: true));
            return result.Status == "not_solved" ? ExitCodes.InternalError : ExitCodes.Ok;
        })));
        return command;
    }

    /// <summary>A result document has <c>summary</c> and <c>diagnostics</c> at the top; a request has neither.</summary>
    private static bool LooksLikeResult(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("summary", out _)
                && document.RootElement.TryGetProperty("diagnostics", out _);
        }
        catch (JsonException)
        {
            return false; // not JSON at all: the request reader names the line and column
        }
    }
}
