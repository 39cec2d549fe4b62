using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Allocator.Service;

/// <summary>Reads a JSON request body into memory, refusing a non-JSON content type (415) and an oversized body (413).</summary>
internal static class RequestBody
{
    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
            return (null, Problems.UnsupportedMediaType(request.ContentType));
        if (request.ContentLength > limit)
            return (null, Problems.TooLarge(limit));

        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            using var body = new MemoryStream(request.ContentLength is { } length ? (int)length : 81920);
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit) return (null, Problems.TooLarge(limit));
                body.Write(buffer, 0, read);
            }
            return (body.ToArray(), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(limit));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Unreadable(e.Message));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
