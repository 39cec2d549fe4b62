using Allocator.Models;
using Allocator.Report;
using Allocator.Solver;

namespace Allocator.Cli.Io;

/// <summary>
/// A result read together with the request it was solved from, for the commands that draw or replay a plan
/// (<c>report</c>, <c>stress</c>): the request read and validated, the result read, and its ids matched against the
/// request's. Every problem is reported on stderr as those commands always have, with the exit code to return.
/// </summary>
internal static class ResultWithRequest
{
    /// <returns>The request, the SHA-256 of its bytes and the result; or, when something is wrong, only the exit code.</returns>
    public static (AllocationRequest? Request, string? InputSha256, AllocationResult? Result, int Exit) Load(string requestPath, string resultPath)
    {
        var (requestBytes, problem) = RequestSource.Read(requestPath);
        if (requestBytes is not { } requestJson) return Fail(ErrorReport.Unreadable(problem!, asJson: false));
        var read = AllocationEngine.Read(requestJson);
        if (read.Request is null) return Fail(ErrorReport.Invalid(read.Errors, asJson: false));

        var (resultBytes, resultProblem) = RequestSource.Read(resultPath, RequestSource.MaxResultBytes, what: "result");
        if (resultBytes is not { } resultJson) return Fail(ErrorReport.Refused(resultProblem!));
        var (result, error) = ResultReader.Read(resultJson);
        if (result is null) return Fail(ErrorReport.Refused($"the result is not a valid result document: {error}"));

        var mismatches = ReportWriter.Mismatches(read.Request, result);
        if (mismatches.Count > 0)
        {
            Terminal.Error($"allocator: the result does not belong to the request '{requestPath}' (give the request it was solved from):");
            foreach (var m in mismatches) Terminal.Error($"  {m}");
            return Fail(ExitCodes.InvalidInput);
        }
        return (read.Request, read.InputSha256, result, ExitCodes.Ok);
    }

    private static (AllocationRequest?, string?, AllocationResult?, int) Fail(int exit) => (null, null, null, exit);
}
