using Microsoft.AspNetCore.Http;

namespace Allocator.Service.Planner;

/// <summary>
/// Reads a body of any type (a workbook is not JSON, so <see cref="RequestBody"/>'s content-type check does not
/// apply); what it is is decided from its bytes. Refuses an oversized body (413) like the JSON endpoints.
/// </summary>
internal static class PlannerBody
{
    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit) return (null, Problems.TooLarge(limit));
        try
        {
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit) return (null, Problems.TooLarge(limit));
                body.Write(buffer, 0, read);
            }
            return body.Length == 0
                ? (null, Problems.Unreadable("The body is empty; send a request as JSON or as an .xlsx workbook."))
                : (body.ToArray(), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(limit));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Unreadable(e.Message));
        }
    }
}
