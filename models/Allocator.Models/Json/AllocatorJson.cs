using System.Text.Encodings.Web;
using System.Text.Json;

namespace Allocator.Models;

/// <summary>Serialisation settings for everything Allocator writes.</summary>
public static class AllocatorJson
{
    /// <summary>
    /// The source-generated context with an encoder that leaves apostrophes and non-ASCII letters readable
    /// (planners read these files; the default encoder writes <c>\u0027</c>). Output is UTF-8 JSON, never HTML.
    /// </summary>
    public static AllocatorJsonContext Context { get; } = new(new JsonSerializerOptions(AllocatorJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>A result as indented JSON.</summary>
    public static string Serialize(AllocationResult result) => JsonSerializer.Serialize(result, Context.AllocationResult);

    /// <summary>
    /// A result as indented JSON and a line end, in UTF-8: the bytes of <see cref="Serialize(AllocationResult)"/> and
    /// <c>\n</c>, written straight to bytes. The text path (a string, a text writer, then UTF-8) copied a large result
    /// three times: 1.9 s of the 2.9 s it took to write 100,000 lines' result (bench/README.md, section 5).
    /// </summary>
    public static byte[] SerializeToUtf8Line(AllocationResult result)
    {
        using var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, result, Context.AllocationResult);
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>The contract's error document.</summary>
    public static string Serialize(ErrorDocument errors) => JsonSerializer.Serialize(errors, Context.ErrorDocument);

    /// <summary>A stress test of a plan as indented JSON.</summary>
    public static string Serialize(StressReport report) => JsonSerializer.Serialize(report, Context.StressReport);
    /// <summary>A diff document (contract 1.1, section 3).</summary>
    public static string Serialize(PlanDiff diff) => JsonSerializer.Serialize(diff, Context.PlanDiff);

    /// <summary>A request as indented JSON.</summary>
    public static string Serialize(AllocationRequest request) => JsonSerializer.Serialize(request, Context.AllocationRequest);
}
