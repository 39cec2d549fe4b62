using Allocator.Models;

namespace Allocator.Workbook;

/// <summary>
/// The command line's bridge to workbooks. The CLI reads a request as bytes and reports errors later, in another
/// place; a workbook read here is checked at once, and its errors (each with its cell) wait here until the CLI reports
/// them. One process reads one request, so holding them for the process is enough.
/// </summary>
public static class CliWorkbookInput
{
    private const string Marker = "the workbook has problems";
    private static IReadOnlyList<InputError>? _pending;

    /// <summary>
    /// The request JSON of a workbook, or a one-line problem whose errors <see cref="Locate"/> then lists in full.
    /// <paramref name="check"/> is the engine's reader and validator.
    /// </summary>
    public static (byte[]? Json, string? Problem) Read(byte[] xlsx, Func<byte[], IReadOnlyList<InputError>> check)
    {
        var (json, errors) = RequestWorkbook.ReadChecked(xlsx, check);
        if (json is not null) return (json, null);
        _pending = errors;
        return (null, Marker);
    }

    /// <summary>The errors to report: a workbook's full list in place of the one-line problem, otherwise the errors as they are.</summary>
    public static IReadOnlyList<InputError> Locate(IReadOnlyList<InputError> errors) =>
        _pending is { } pending && errors.Count == 1 && errors[0].Message == Marker ? pending : errors;
}
