using System.Text.Json.Serialization;

namespace Allocator.Models;

/// <summary>
/// Source-generated System.Text.Json metadata for every contract type: no reflection at run time, and the
/// single description of the contract's shape that <see cref="RequestReader"/> walks to report problems.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    WriteIndented = true,
    IndentSize = 2)]
[JsonSerializable(typeof(AllocationRequest))]
[JsonSerializable(typeof(AllocationResult))]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(StressReport))]
[JsonSerializable(typeof(PlanDiff))]
public sealed partial class AllocatorJsonContext : JsonSerializerContext;
