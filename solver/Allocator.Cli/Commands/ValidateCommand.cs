using System.CommandLine;
using Allocator.Cli.Io;
using Allocator.Models;
using Allocator.Solver;

namespace Allocator.Cli.Commands;

/// <summary><c>allocator validate REQUEST</c>: checks a request against the contract without solving it.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var request = CommonOptions.Request("Request JSON file, or - for stdin");
        request.Arity = ArgumentArity.ExactlyOne;
        var maxRequestBytes = CommonOptions.MaxRequestBytes();
        var errorsJson = CommonOptions.ErrorsJson();
        var verbose = CommonOptions.Verbose();
        var command = new Command("validate", "Check a request against the contract; exit 0 when valid, 2 with every problem otherwise")
        {
            request, maxRequestBytes, errorsJson, verbose,
        };
        command.SetAction(parse => Guard.Run(parse.GetValue(verbose), () =>
        {
            var asJson = parse.GetValue(errorsJson);
            var (read, problem) = RequestSource.Read(parse.GetValue(request), parse.GetValue(maxRequestBytes), CommonOptions.RaiseRequestLimit);
            if (read is not { } bytes) return ErrorReport.Unreadable(problem!, asJson);
            var checkedRequest = AllocationEngine.Read(bytes);
            if (checkedRequest.Request is null) return ErrorReport.Invalid(checkedRequest.Errors, asJson);
            var r = checkedRequest.Request!;
            var warnings = WarningOutput.Print(RequestWarnings.Find(r));
            StandardOutput.Write((asJson
                ? warnings.Count == 0 ? "{\"errors\": []}" : AllocatorJson.Serialize(new ErrorDocument { Errors = [], Warnings = warnings })
                : $"valid: {r.Donors.Count} donors, {r.Donors.Sum(d => d.Tranches.Count)} tranches, {r.Lines.Count} lines, {r.Needs.Count} needs, {r.Horizon.Periods} periods") + "\n");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
