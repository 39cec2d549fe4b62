using Allocator.Models;

namespace Allocator.Cli.Io;

/// <summary>Reports input errors: one <c>PATH: message</c> line each on stderr, or the contract's document on stdout.</summary>
internal static class ErrorReport
{
    public static int Invalid(IReadOnlyList<InputError> errors, bool asJson)
    {
        errors = Workbook.CliWorkbookInput.Locate(errors);
        if (asJson)
            OutputTarget.Write(null, w => w.WriteLine(AllocatorJson.Serialize(new ErrorDocument { Errors = errors })));
        else
            foreach (var error in errors)
                Console.Error.WriteLine(error.ToString());
        return ExitCodes.InvalidInput;
    }

    /// <summary>An input the command refuses for a reason that has no JSON path (a result without explanations, a result of another request): one <c>allocator:</c> line on stderr.</summary>
    public static int Refused(string message)
    {
        Console.Error.WriteLine($"allocator: {message}");
        return ExitCodes.InvalidInput;
    }

    /// <summary>A problem with the input file itself (missing, unreadable): reported like a JSON error at the root.</summary>
    public static int Unreadable(string problem, bool asJson) =>
        Invalid([new InputError("$", problem)], asJson);
}
