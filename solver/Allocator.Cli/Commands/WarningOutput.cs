using Allocator.Models;

namespace Allocator.Cli.Commands;

/// <summary>Prints a valid request's warnings (<see cref="RequestWarnings"/>) on stderr, one <c>warning: PATH: message</c> line each.</summary>
internal static class WarningOutput
{
    public static IReadOnlyList<InputWarning> Print(IReadOnlyList<InputWarning> warnings)
    {
        foreach (var warning in warnings)
            Console.Error.WriteLine($"warning: {warning}");
        return warnings;
    }
}
