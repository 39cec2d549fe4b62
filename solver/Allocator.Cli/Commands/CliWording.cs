using Allocator.Models;

namespace Allocator.Cli.Commands;

/// <summary>
/// The engine's messages name its options as a program sets them (<c>SolveOptions.MaxRequestBytes</c>); a
/// planner at the command line sets them with flags. This puts the flag in their place.
/// </summary>
internal static class CliWording
{
    private static readonly (string Library, string Flag)[] Options =
    [
        ("SolveOptions.MaxRequestBytes", "--max-request-bytes"),
        ("SolveOptions.MaxVariables", "--max-variables"),
        ("SolveOptions.MaxNonZeros", "--max-non-zeros"),
        ("the limit MaxRequestBytes (given as an option)", "--max-request-bytes"),
        ("the limit MaxVariables (given as an option)", "--max-variables"),
        ("the limit MaxNonZeros (given as an option)", "--max-non-zeros"),
    ];

    public static IReadOnlyList<InputError> ForCli(IReadOnlyList<InputError> errors) =>
        errors.Select(e => e with { Message = ForCli(e) }).ToList();

    private static string ForCli(InputError error)
    {
        var message = error.Message;
        foreach (var (library, flag) in Options)
            message = message.Replace(library, flag, StringComparison.Ordinal);
        // Overrides of the request's solver section are reported at its paths; say which flag gave them.
        var flagOfPath = error.Path switch
        {
            "$.solver.backend" => "--backend",
            "$.solver.timeLimitSeconds" => "--time-limit",
            _ => null,
        };
        return flagOfPath is null ? message : message.Replace("(given as an option)", $"(given with {flagOfPath})", StringComparison.Ordinal);
    }
}
