using System.Security.Cryptography;
using System.Text;
using Allocator.Models;

namespace Allocator.Sweeps;

/// <summary>
/// A scenario's id: the first 16 hex digits (lower case) of the SHA-256 of the scenario request's canonical JSON
/// bytes. "Canonical" is the project's one request writer, <see cref="RequestReader.Write"/>: the request read by
/// the contract's types and written back (properties in contract order, defaults made explicit, indented with two
/// spaces, "\n" line ends, UTF-8 without a byte-order mark). Two manifests that spell a request differently
/// (key order, spacing, 1.0 against 1) therefore give it the same id, and the id is the start of the result's
/// <c>diagnostics.inputSha256</c>, because sweeps solve exactly these bytes.
/// </summary>
public static class ScenarioId
{
    /// <summary>The canonical JSON bytes of <paramref name="request"/>.</summary>
    public static byte[] CanonicalBytes(AllocationRequest request) => Encoding.UTF8.GetBytes(RequestReader.Write(request));

    /// <summary>The id of canonical request bytes.</summary>
    public static string Of(ReadOnlySpan<byte> canonicalBytes) => Convert.ToHexStringLower(SHA256.HashData(canonicalBytes))[..16];
}
