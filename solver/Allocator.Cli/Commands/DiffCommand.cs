using System.CommandLine;
using Allocator.Cli.Io;
using Allocator.Cli.Presentation;
using Allocator.Models;
using Allocator.Solver;

namespace Allocator.Cli.Commands;

/// <summary>
/// <c>allocator diff OLD.json NEW.json [--requests OLD_REQ NEW_REQ] [--format json|table]</c>: what changed between two
/// results (contract 1.1, section 3), and with their requests what changed in the input.
/// </summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var before = new Argument<string>("old") { Description = "The earlier result JSON" };
        var after = new Argument<string>("new") { Description = "The later result JSON" };
        var requests = new Option<string[]>("--requests")
        {
            Description = "The two requests (old, then new): adds what changed in the input, item by item",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format", "-f") { Description = "json (default) or table", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");
        var output = new Option<string?>("--output", "-o") { Description = "Write the diff here instead of stdout (a file is replaced atomically)" };
        var errorsJson = CommonOptions.ErrorsJson();
        var verbose = CommonOptions.Verbose();
        var command = new Command("diff", "Compare two plans: the money rows that moved, the needs that gained or lost, and (with --requests) what changed in the input")
        {
            before, after, requests, format, output, errorsJson, verbose,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Guard.Run(parse.GetValue(verbose), () =>
        {
            var asJson = parse.GetValue(errorsJson);
            var requestPaths = parse.GetValue(requests) ?? [];
            var inputs = new[] { ("old", (string?)parse.GetValue(before)), ("new", parse.GetValue(after)) }
                .Concat(requestPaths.Select(p => ("--requests", (string?)p)));
            var (outputs, refused) = OutputPlan.Create(inputs, ("-o", parse.GetValue(output)));
            if (outputs is null) return ErrorReport.RefusedOutputs(refused);

            var results = new List<AllocationResult>();
            foreach (var path in new[] { parse.GetValue(before)!, parse.GetValue(after)! })
            {
                var (read, problem) = RequestSource.Read(path, RequestSource.MaxResultBytes, what: "result");
                if (read is not { } bytes) return ErrorReport.Refused($"{path}: {problem}");
                var (result, error) = ResultReader.Read(bytes);
                if (result is null) return ErrorReport.Refused($"{path} is not a valid result document: {error}");
                results.Add(result);
            }
            var requestsRead = new List<AllocationRequest>();
            foreach (var path in requestPaths)
            {
                var (read, problem) = RequestSource.Read(path, null, CommonOptions.RaiseRequestLimit);
                if (read is not { } bytes) return ErrorReport.Unreadable($"{path}: {problem}", asJson);
                var checkedRequest = AllocationEngine.Read(bytes);
                if (checkedRequest.Request is null)
                    return ErrorReport.Invalid(checkedRequest.Errors.Select(e => e with { Path = $"{path}: {e.Path}" }).ToList(), asJson);
                requestsRead.Add(checkedRequest.Request);
            }

            var diff = PlanComparison.Compare(results[0], results[1],
                requestsRead.Count == 2 ? requestsRead[0] : null, requestsRead.Count == 2 ? requestsRead[1] : null);
            var table = parse.GetValue(format) == "table";
            outputs.Write(cancellationToken, TextOutput.Render(writer =>
            {
                if (table) DiffTable.Write(writer, diff, results[1].BaseCurrency);
                else writer.WriteLine(AllocatorJson.Serialize(diff));
            }, forTerminal: table));
            return ExitCodes.Ok;
        })));
        return command;
    }
}
