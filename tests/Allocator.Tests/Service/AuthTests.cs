using System.Net;
using System.Net.Http.Headers;

namespace Allocator.Tests.Service;

/// <summary>With an API key, everything but /health needs <c>Authorization: Bearer KEY</c>.</summary>
public sealed class AuthTests
{
    private const string Key = "correct horse battery staple";

    [Theory]
    [InlineData("/v1/allocations")]
    [InlineData("/v1/schema")]
    [InlineData("/v1/allocations/aaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/no/such/route")]
    public async Task Missing_or_wrong_keys_are_401(string path)
    {
        await using var service = await TestService.StartAsync(apiKey: Key);
        foreach (var authorization in new[] { null, "Bearer wrong", "Bearer " + Key + "x", "Basic " + Key, "Bearer" })
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, path);
            if (authorization is not null) message.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await service.Client.SendAsync(message);
            await TestService.ProblemAsync(response, 401);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task The_right_key_opens_every_endpoint_and_health_needs_none()
    {
        await using var service = await TestService.StartAsync(apiKey: Key);
        using (var health = await service.Client.GetAsync("/health"))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        service.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using (var schema = await service.Client.GetAsync("/v1/schema"))
            Assert.Equal(HttpStatusCode.OK, schema.StatusCode);
        using var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(TestService.Example("teaching-two-donors.json")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var fetched = await service.Client.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        using var unknown = await service.Client.GetAsync("/v1/allocations/aaaaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_scheme_is_case_insensitive()
    {
        await using var service = await TestService.StartAsync(apiKey: Key);
        using var message = new HttpRequestMessage(HttpMethod.Get, "/v1/schema");
        message.Headers.TryAddWithoutValidation("Authorization", "bearer " + Key);
        using var response = await service.Client.SendAsync(message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
