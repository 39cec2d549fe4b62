using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Allocator.Service.Planner;

/// <summary>
/// The planner's page: three static files embedded in this assembly (no CDN, no build step). They hold no data, so
/// they are served without the API key; the page asks for the key and sends it with every API call.
/// </summary>
internal static class PlannerPage
{
    public const string IndexPath = "/";
    public const string AssetPrefix = "/planner/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    /// <summary>True for the page and its assets, which <see cref="ApiKeyMiddleware"/> lets through.</summary>
    public static bool IsPublic(PathString path) =>
        path.Value == IndexPath
        || (path.StartsWithSegments(AssetPrefix.TrimEnd('/'), out var rest) && ContentTypes.ContainsKey(rest.Value?.TrimStart('/') ?? ""));

    public static IResult Serve(string name, HttpContext context)
    {
        if (!ContentTypes.TryGetValue(name, out var type)) return Results.NotFound();
        using var stream = typeof(PlannerPage).Assembly.GetManifestResourceStream("planner/" + name);
        if (stream is null) return Results.NotFound();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(buffer.ToArray(), type);
    }

    /// <summary>The bundled 2024 example request, the page's "start from an example".</summary>
    public static byte[] Example()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("planner/ukraine-2024.json")
            ?? throw new InvalidOperationException("the bundled example is missing from this build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
