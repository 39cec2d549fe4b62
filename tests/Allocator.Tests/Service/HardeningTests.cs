using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Allocator.Service;

namespace Allocator.Tests.Service;

/// <summary>Issue 11, items 11 and 13: what careful clients and testers hit at the HTTP edge.</summary>
public sealed class HardeningTests
{
    [Fact]
    public async Task The_post_body_names_the_allocation()
    {
        await using var service = await TestService.StartAsync();
        using var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(TestService.Example("teaching-two-donors.json")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = TestService.IdFrom(created);
        var body = await created.Content.ReadAsStringAsync();
        Assert.Equal("optimal", TestService.ReadResult(body, id).Status);
        Assert.Equal(body, await service.Client.GetStringAsync($"/v1/allocations/{id}"));
    }

    [Fact]
    public async Task Head_health_answers_200_without_a_body()
    {
        await using var service = await TestService.StartAsync(kestrel: true, apiKey: "k");
        using var head = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("UTF-16LE")]
    [InlineData("iso-8859-1")]
    [InlineData("\"utf-32\"")]
    public async Task A_charset_other_than_utf8_is_415_naming_it(string charset)
    {
        await using var service = await TestService.StartAsync();
        foreach (var path in new[] { "/v1/allocations", "/v1/validations" })
        {
            var content = new ByteArrayContent(Encoding.Unicode.GetBytes("{}"));
            content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
            using var response = await service.Client.PostAsync(path, content);
            var problem = await TestService.ProblemAsync(response, 415);
            Assert.Equal("The request body must be UTF-8", problem.GetProperty("title").GetString());
            Assert.Contains(charset.Trim('"'), problem.GetProperty("detail").GetString());
        }
        Assert.Empty((await service.Client.GetStringAsync("/v1/allocations")).Split("\"id\"").Skip(1)); // nothing stored
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF8")]
    public async Task Utf8_spelled_either_way_is_accepted(string charset)
    {
        await using var service = await TestService.StartAsync();
        var content = new ByteArrayContent(TestService.Example("teaching-two-donors.json"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/json; charset={charset}");
        using var response = await service.Client.PostAsync("/v1/validations", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Python's urllib and many SDKs send the whole body before reading the answer. Before the fix the service
    /// answered 413 at once and closed: the client's send failed with a reset connection and never saw the 413.
    /// </summary>
    [Fact]
    public async Task A_client_that_sends_the_whole_oversized_body_first_reads_413()
    {
        const int limit = 1024 * 1024;
        await using var service = await TestService.StartAsync(kestrel: true, maxBodyBytes: limit);
        var body = new byte[8 * limit];
        Array.Fill(body, (byte)' ');
        var response = await RawExchangeAsync(service.Client.BaseAddress!, "POST /v1/allocations HTTP/1.1", body.Length, body);
        Assert.StartsWith("HTTP/1.1 413", response);
        Assert.Contains("application/problem+json", response);
        Assert.Contains("up to 1 MB", response);
    }

    [Fact]
    public async Task A_body_larger_than_the_discard_bound_is_refused_at_once()
    {
        const int limit = 1024 * 1024;
        await using var service = await TestService.StartAsync(kestrel: true, maxBodyBytes: limit, adjust: o => o with { MaxDiscardBytes = 2 * limit });
        // Only the headers: a declared length beyond the bound is answered without reading anything.
        var response = await RawExchangeAsync(service.Client.BaseAddress!, "POST /v1/allocations HTTP/1.1", 100L * limit, []);
        Assert.StartsWith("HTTP/1.1 413", response);
        Assert.Contains("Connection: close", response, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_client_that_waits_for_100_continue_gets_413_without_sending_the_body()
    {
        const int limit = 1024 * 1024;
        await using var service = await TestService.StartAsync(kestrel: true, maxBodyBytes: limit);
        var response = await RawExchangeAsync(service.Client.BaseAddress!, "POST /v1/allocations HTTP/1.1\r\nExpect: 100-continue", 8L * limit, []);
        Assert.StartsWith("HTTP/1.1 413", response);
        Assert.DoesNotContain("100 Continue", response);
    }

    /// <summary>Before the fix a trickling body was cut by Kestrel's rate check and answered 400.</summary>
    [Fact]
    public async Task A_body_that_does_not_arrive_in_time_is_408()
    {
        await using var service = await TestService.StartAsync(kestrel: true, adjust: o => o with { BodyTimeout = TimeSpan.FromSeconds(2) });
        var response = await RawExchangeAsync(service.Client.BaseAddress!, "POST /v1/allocations HTTP/1.1", 1000, "{\"sche"u8.ToArray());
        Assert.StartsWith("HTTP/1.1 408", response);
        Assert.Contains("arrived too slowly", response);
        Assert.Empty((await service.Client.GetStringAsync("/v1/allocations")).Split("\"id\"").Skip(1)); // nothing stored
    }

    /// <summary>Sends the request line, headers and <paramref name="body"/> (all of it, before reading), then reads the answer until the server closes or 60 s pass.</summary>
    private static async Task<string> RawExchangeAsync(Uri address, string requestLine, long contentLength, byte[] body)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, address.Port);
        var head = $"{requestLine}\r\nHost: 127.0.0.1:{address.Port}\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        for (var sent = 0; sent < body.Length;)
            sent += await socket.SendAsync(body.AsMemory(sent));
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, reading.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (IsComplete(Encoding.UTF8.GetString(received.ToArray()))) break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>Whether a whole response has arrived (by Content-Length, or the last chunk), so the test need not wait for the close.</summary>
    private static bool IsComplete(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var headers = text[..end];
        var length = System.Text.RegularExpressions.Regex.Match(headers, @"(?im)^content-length:\s*(\d+)");
        return length.Success
            ? Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
    }
}
