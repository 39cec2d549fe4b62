using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Allocator.Models;

namespace Allocator.Cli.Io;

/// <summary>
/// Reads result JSON for the report. Unlike requests, results are read leniently: members this version does
/// not know (such as sections added by a newer engine) are skipped rather than rejected.
/// </summary>
internal static class ResultReader
{
    private static readonly JsonTypeInfo<AllocationResult> TypeInfo = (JsonTypeInfo<AllocationResult>)
        new JsonSerializerOptions(AllocatorJson.Context.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip }
            .GetTypeInfo(typeof(AllocationResult));

    public static (AllocationResult? Result, string? Error) Read(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            var result = JsonSerializer.Deserialize(utf8.Span, TypeInfo);
            return result is null ? (null, "the document is null") : (result, null);
        }
        catch (JsonException e)
        {
            var where = e.Path is { } path ? $" at {path}" : "";
            return (null, $"{e.Message.Split(" Path:", 2)[0].TrimEnd('.')}{where}");
        }
    }
}
