using Allocator.Models;

namespace Allocator.Cli.Io;

/// <summary>Reports input errors: one <c>PATH: message</c> line each on stderr, or the contract's document on stdout.</summary>
internal static class ErrorReport
{
    public static int Invalid(IReadOnlyList<InputError> errors, bool asJson)
    {
        errors = Workbook.CliWorkbookInput.Locate(errors);
        if (asJson)
            StandardOutput.Write(AllocatorJson.Serialize(new ErrorDocument { Errors = errors }) + "\n");
        else
            foreach (var error in errors)
                Terminal.Error(error.ToString()); // messages quote ids from the input
        return ExitCodes.InvalidInput;
    }

    /// <summary>An input the command refuses for a reason that has no JSON path (a result without explanations, a result of another request): one <c>allocator:</c> line on stderr.</summary>
    public static int Refused(string message)
    {
        Terminal.Error($"allocator: {message}");
        return ExitCodes.InvalidInput;
    }

    /// <summary>Output paths the command refuses (the input, another output, a folder, a missing folder): one line each, exit 2, before any work.</summary>
    public static int RefusedOutputs(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems) Terminal.Error($"allocator: {problem}");
        return ExitCodes.InvalidInput;
    }

    /// <summary>A problem with the input file itself (missing, unreadable, too large): reported like a JSON error at the root.</summary>
    public static int Unreadable(string problem, bool asJson) =>
        Invalid([new InputError("$", problem)], asJson);
}
