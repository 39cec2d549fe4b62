namespace Allocator.Models;

/// <summary>One problem with a request: where it is (a JSON path such as <c>$.lines[7].capacity</c>) and what to do.</summary>
/// <param name="Path">JSON path of the offending value.</param>
/// <param name="Message">A sentence a planner understands.</param>
public sealed record InputError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>The document written for an invalid request: <c>{ "errors": [ ... ] }</c>.</summary>
public sealed class ErrorDocument
{
    /// <summary>Every problem found, in document order.</summary>
    public required IReadOnlyList<InputError> Errors { get; init; }

    /// <summary>Extension: names that match nothing (<see cref="RequestWarnings"/>); absent when there are none.</summary>
    public IReadOnlyList<InputWarning>? Warnings { get; init; }
}
