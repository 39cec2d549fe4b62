using System.Text.Json;
using System.Text.Json.Serialization;

namespace Allocator.Models;

/// <summary>Reads and writes <see cref="Capacity"/> as a number or an array of numbers.</summary>
public sealed class CapacityJsonConverter : JsonConverter<Capacity>
{
    /// <inheritdoc />
    public override Capacity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return Capacity.Every(reader.GetDouble());
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("capacity must be a number or an array of numbers");
        var values = new List<double>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
                throw new JsonException("capacity must be a number or an array of numbers");
            values.Add(reader.GetDouble());
        }
        return Capacity.ByPeriod(values);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Capacity value, JsonSerializerOptions options)
    {
        if (value.Constant is { } constant)
        {
            writer.WriteNumberValue(constant);
            return;
        }
        writer.WriteStartArray();
        foreach (var units in value.PerPeriod!)
            writer.WriteNumberValue(units);
        writer.WriteEndArray();
    }
}
