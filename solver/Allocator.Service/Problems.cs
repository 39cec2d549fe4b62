using Allocator.Models;
using Allocator.Service.Audit;
using Microsoft.AspNetCore.Http;

namespace Allocator.Service;

/// <summary>
/// Every error the service answers, as an RFC 9457 <c>application/problem+json</c> document: a title that names
/// the problem, a detail that says what to do, and for invalid input the same <c>errors</c> list of
/// <c>{path, message}</c> that <c>allocator validate --errors-json</c> prints. Never a stack trace.
/// </summary>
internal static class Problems
{
    public static IResult InvalidRequest(IReadOnlyList<InputError> errors) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The request breaks the contract",
        detail: errors.Count == 1
            ? "1 problem was found; fix it at its JSON path and send the request again."
            : $"{errors.Count} problems were found; fix each at its JSON path and send the request again.",
        extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult BadParameter(string name, string message) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: $"Invalid query parameter '{name}'",
        detail: message);

    public static IResult UnsupportedMediaType(string? contentType) => Results.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "The request body must be JSON",
        detail: string.IsNullOrEmpty(contentType)
            ? "The request has no Content-Type; send the request JSON with 'Content-Type: application/json'."
            : $"Content-Type '{contentType}' is not JSON; send the request JSON with 'Content-Type: application/json'.");

    public static IResult TooLarge(long limitBytes) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large",
        detail: $"This service accepts request bodies up to {Megabytes(limitBytes)} (its --max-body-mb setting).");

    public static IResult UnsupportedCharset(string charset) => Results.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "The request body must be UTF-8",
        detail: $"Content-Type names the charset '{charset}'; this service reads JSON as UTF-8 only. Send the request as UTF-8 with 'Content-Type: application/json' (or '; charset=utf-8').");

    public static IResult BodyTimeout(TimeSpan timeout) => Results.Problem(
        statusCode: StatusCodes.Status408RequestTimeout,
        title: "The request body arrived too slowly",
        detail: $"The whole body must arrive within {timeout.TotalSeconds:0.###} s (or at Kestrel's minimum data rate); nothing was stored. Send it again on a faster connection.");

    public static IResult Unreadable(string message) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The request body could not be read",
        detail: message);

    public static IResult NotFound(string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such allocation",
        detail: $"There is no allocation '{id}'; GET /v1/allocations lists the stored ones.");

    public static IResult NoResult(AllocationSummary summary)
    {
        var detail = summary.Status switch
        {
            AllocationStatus.Queued or AllocationStatus.Running => $"Allocation '{summary.Id}' is {summary.Status}; ask again when it has finished.",
            AllocationStatus.Interrupted => $"Allocation '{summary.Id}' was interrupted by a stop of the service before it finished; POST /v1/allocations/{summary.Id}/resolve solves the stored request again.",
            AllocationStatus.Cancelled => $"Allocation '{summary.Id}' was cancelled because its client disconnected; POST /v1/allocations/{summary.Id}/resolve solves the stored request again.",
            _ => $"Allocation '{summary.Id}' failed ({summary.Error}); POST /v1/allocations/{summary.Id}/resolve solves the stored request again.",
        };
        return Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: $"The allocation has no result ({summary.Status})",
            detail: detail,
            extensions: new Dictionary<string, object?> { ["id"] = summary.Id, ["allocationStatus"] = summary.Status });
    }

    public static IResult CannotResolve(AllocationSummary summary) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: $"The allocation cannot be solved again ({summary.Status})",
        detail: AllocationStatus.InProgress(summary.Status)
            ? $"Allocation '{summary.Id}' is {summary.Status}; only interrupted, cancelled or failed allocations are solved again."
            : $"Allocation '{summary.Id}' already has a result; GET /v1/allocations/{summary.Id} returns it.",
        extensions: new Dictionary<string, object?> { ["id"] = summary.Id, ["allocationStatus"] = summary.Status });

    public static IResult QueueFull(int retryAfterSeconds) => new WithHeader(
        Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The solve queue is full",
            detail: $"Every solver slot is busy and the waiting queue is full; nothing was stored. Send the request again in about {retryAfterSeconds} s."),
        "Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static IResult ShuttingDown(string id) => new WithHeader(
        Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The service is stopping",
            detail: $"The service stopped before allocation '{id}' was solved; it is stored as interrupted. After the restart, POST /v1/allocations/{id}/resolve solves it.",
            extensions: new Dictionary<string, object?> { ["id"] = id, ["allocationStatus"] = AllocationStatus.Interrupted }),
        "Retry-After", "10");

    public static IResult StoppingShared(string id) => new WithHeader(
        Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "This instance is stopping",
            detail: $"This instance stopped before allocation '{id}' was solved; it waits in the shared queue, and another instance solves it. GET /v1/allocations/{id} returns the result when it is ready.",
            extensions: new Dictionary<string, object?> { ["id"] = id }),
        "Retry-After", "5");

    public static IResult SolveFailed(string id) => Results.Problem(
        statusCode: StatusCodes.Status500InternalServerError,
        title: "The solve failed inside Allocator",
        detail: $"Allocation '{id}' is stored with status failed and the error is in the service log; POST /v1/allocations/{id}/resolve tries again.",
        extensions: new Dictionary<string, object?> { ["id"] = id, ["allocationStatus"] = AllocationStatus.Failed });

    public static IResult Unauthorized(bool hadCredentials) => new WithHeader(
        Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "An API key is required",
            detail: hadCredentials
                ? "The API key is wrong; send 'Authorization: Bearer <key>' with the key the service was started with."
                : "This service requires 'Authorization: Bearer <key>' on every endpoint except /health."),
        "WWW-Authenticate", "Bearer");

    private static string Megabytes(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes} bytes";

    /// <summary>A result with one more response header.</summary>
    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
