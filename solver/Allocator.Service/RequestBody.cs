using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Allocator.Service;

/// <summary>
/// Reads a JSON request body into memory. Refuses a non-JSON content type or a charset other than UTF-8 (415),
/// an oversized body (413: read and discarded up to <see cref="ServiceOptions.MaxDiscardBytes"/> first, so that a
/// client that sends everything before reading gets the answer rather than a reset connection) and a body that
/// takes longer than <see cref="ServiceOptions.BodyTimeout"/> to arrive (408).
/// </summary>
internal static class RequestBody
{
    private const int ChunkBytes = 81920;

    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpContext context, ServiceOptions options)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
            return (null, Problems.UnsupportedMediaType(request.ContentType));
        if (Charset(request.ContentType) is { } charset && !IsUtf8(charset))
            return (null, Problems.UnsupportedCharset(charset));

        var limit = options.MaxBodyBytes;
        // Reading stops at the discard bound; Kestrel's own limit must not cut in earlier.
        var bound = Math.Max(limit, options.MaxDiscardBytes);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = bound + 1;

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(options.BodyTimeout);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            if (request.ContentLength > limit)
            {
                // curl and others wait for '100 Continue' and read the answer at once; nothing to discard then.
                if (request.ContentLength > bound || ExpectsContinue(request)) return (null, CloseAfter(context, Problems.TooLarge(limit)));
                return (null, await DiscardAsync(context, buffer, 0, bound, limit, deadline.Token).ConfigureAwait(false) ?? Problems.TooLarge(limit));
            }

            using var body = new MemoryStream(request.ContentLength is { } length ? (int)length : ChunkBytes);
            int read;
            while ((read = await request.Body.ReadAsync(buffer, deadline.Token).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit)
                    return (null, await DiscardAsync(context, buffer, body.Length + read, bound, limit, deadline.Token).ConfigureAwait(false) ?? Problems.TooLarge(limit));
                body.Write(buffer, 0, read);
            }
            return (body.ToArray(), null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            return (null, CloseAfter(context, Problems.BodyTimeout(options.BodyTimeout)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, CloseAfter(context, Problems.TooLarge(limit)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // Kestrel's minimum data rate (MinRequestBodyDataRate) caught a trickle.
            return (null, CloseAfter(context, Problems.BodyTimeout(options.BodyTimeout)));
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

    /// <summary>
    /// Reads and drops the rest of a too-large body, up to <paramref name="bound"/> bytes in all; null when it all
    /// arrived, or the answer (413, closing the connection) when the body is larger still.
    /// </summary>
    private static async Task<IResult?> DiscardAsync(HttpContext context, byte[] buffer, long seen, long bound, long limit, CancellationToken cancellationToken)
    {
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            seen += read;
            if (seen > bound) return CloseAfter(context, Problems.TooLarge(limit));
        }
        return null;
    }

    private static IResult CloseAfter(HttpContext context, IResult problem)
    {
        // The rest of the body is not read: the connection cannot carry another request.
        context.Response.Headers.Connection = "close";
        return problem;
    }

    private static bool ExpectsContinue(HttpRequest request) =>
        request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase);

    private static string? Charset(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.Charset.HasValue ? media.Charset.Value!.Trim('"') : null;

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
