using System.Text.Json;
using System.Text.Json.Serialization;

namespace Allocator.Models;

/// <summary>Reads and writes <see cref="Capacity"/> as a number or an array of numbers.</summary>
public sealed class CapacityJsonConverter : JsonConverter<Capacity>
{
    [ThreadStatic] private static List<double>? t_buffer;

    /// <inheritdoc />
    public override Capacity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return Capacity.Every(reader.GetDouble());
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("capacity must be a number or an array of numbers");
        // One buffer per thread, copied out by ByPeriod: a list grown afresh for each of 90,000 lines cost a third of a
        // second in a 48 MB request (dotnet-trace).
        var values = t_buffer ??= new List<double>(64);
        values.Clear();
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
