using Allocator.Models;

namespace Allocator.Solver;

/// <summary>Thrown by <c>AllocationEngine.Solve</c> for a request that breaks the contract; nothing was solved.</summary>
public sealed class InvalidRequestException : Exception
{
    /// <summary>Creates the exception for the given problems.</summary>
    public InvalidRequestException(IReadOnlyList<InputError> errors)
        : base($"the request is invalid: {string.Join("; ", errors.Take(3))}{(errors.Count > 3 ? $" (and {errors.Count - 3} more)" : "")}")
    {
        Errors = errors;
    }

    /// <summary>Every problem found, each with its JSON path.</summary>
    public IReadOnlyList<InputError> Errors { get; }
}
