using System.Text.Json;
using System.Text.Json.Serialization;
using Allocator.Models;
using Allocator.Service.Audit;

namespace Allocator.Service;

/// <summary>What <c>/health</c> answers.</summary>
/// <remarks>The top-level counts are the small lane's (every request that is not large); <c>large</c> is the large lane's.
/// <c>instance</c> names this instance in the shared queue's leases (PostgreSQL), null with SQLite.</remarks>
internal sealed record HealthReport(string Status, string EngineVersion, int Running, int Waiting, int MaxConcurrent, int QueueLength,
    LaneReport Large, string? Instance);

/// <summary>One lane's occupancy in <c>/health</c>.</summary>
internal sealed record LaneReport(int Running, int Waiting, int MaxConcurrent, int QueueLength);

/// <summary>The audit trail of one allocation: its summary and every state change.</summary>
internal sealed record AuditTrail(AllocationSummary Allocation, IReadOnlyList<AuditEvent> Events);

/// <summary>Source-generated JSON for the service's own documents (the contract's are in <see cref="AllocatorJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true,
    IndentSize = 2)]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(SummaryPage))]
[JsonSerializable(typeof(AuditTrail))]
[JsonSerializable(typeof(IReadOnlyList<InputError>))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext;
