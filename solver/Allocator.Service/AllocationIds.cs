using System.Security.Cryptography;

namespace Allocator.Service;

/// <summary>
/// Allocation ids: 128 random bits from the system's cryptographic generator, written as 26 lower-case base32
/// letters (RFC 4648 alphabet, no padding). Unguessable, URL-safe and stable: an id never changes once issued.
/// </summary>
internal static class AllocationIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    public const int Length = 26;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        Span<char> text = stackalloc char[Length];
        int bits = 0, buffer = 0, at = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text[at++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) text[at++] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(text[..at]);
    }

    /// <summary>Whether <paramref name="id"/> has the form of an id (it may still be unknown).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(c => c is >= 'a' and <= 'z' or >= '2' and <= '7');
}
