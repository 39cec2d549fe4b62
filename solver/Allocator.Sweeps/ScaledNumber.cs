using System.Text.Json;
using System.Text.Json.Nodes;

namespace Allocator.Sweeps;

/// <summary>
/// Multiplies a JSON number by a manifest factor in decimal arithmetic, so that 1200000000 × 0.8 is exactly
/// 960000000 (binary doubles would give 960000000.0000001 and a request that no longer holds whole units). A whole
/// product is written as an integer, so a factor keeps an integer field an integer whenever the product is one.
/// </summary>
internal static class ScaledNumber
{
    /// <summary>Whether <paramref name="node"/> is a JSON number that a factor can multiply.</summary>
    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    public static JsonNode Multiply(JsonNode number, decimal factor)
    {
        var element = JsonSerializer.SerializeToElement(number);
        if (element.TryGetDecimal(out var exact))
        {
            try
            {
                var product = exact * factor;
                if (product == decimal.Truncate(product) && product is >= long.MinValue and <= long.MaxValue)
                    return JsonValue.Create((long)product);
                return JsonValue.Create(product / 1.000000000000000000000000000000000m); // drops trailing zeros
            }
            catch (OverflowException)
            {
                // beyond decimal's 7.9e28: fall through to doubles
            }
        }
        return JsonValue.Create(element.GetDouble() * (double)factor);
    }
}
