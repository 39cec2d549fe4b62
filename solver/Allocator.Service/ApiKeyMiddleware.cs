using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Allocator.Service;

/// <summary>
/// With <c>--api-key</c>, every endpoint except <c>/health</c> requires <c>Authorization: Bearer KEY</c>. Both
/// keys are hashed first, so <see cref="CryptographicOperations.FixedTimeEquals"/> compares equal lengths and
/// the comparison's time tells nothing about the key, not even its length.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, string apiKey)
{
    private const string Scheme = "Bearer ";
    private readonly byte[] _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Equals(Endpoints.HealthPath, StringComparison.OrdinalIgnoreCase))
            return next(context);
        if (Planner.PlannerPage.IsPublic(context.Request.Path)) return next(context); // the page itself; it sends the key with its calls
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && Matches(header[Scheme.Length..].Trim()))
            return next(context);
        return Problems.Unauthorized(header.Length > 0).ExecuteAsync(context);
    }

    private bool Matches(string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _keyHash);
}
