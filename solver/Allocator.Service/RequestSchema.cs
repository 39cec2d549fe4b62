using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Allocator.Models;

namespace Allocator.Service;

/// <summary>
/// The JSON Schema of a contract-v1 request, generated from the contract types by System.Text.Json's exporter,
/// so that it cannot drift from what the reader accepts. It checks the shape (types, required and unknown
/// properties); the cross-field rules (ids that must match, periods inside the horizon, ...) are checked by
/// <c>POST /v1/validations</c>.
/// </summary>
internal static class RequestSchema
{
    private static readonly Lazy<string> Text = new(Build);

    public static string Json => Text.Value;

    private static string Build()
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = static (context, node) =>
            {
                // Capacity has a custom converter (a number, or one number per period), which the exporter cannot see into.
                if (context.TypeInfo.Type == typeof(Capacity))
                {
                    return new JsonObject
                    {
                        ["description"] = "Units per period: one number for every period, or an array with one number per period.",
                        ["oneOf"] = new JsonArray(
                            new JsonObject { ["type"] = "number" },
                            new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "number" } }),
                    };
                }
                return node;
            },
        };
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(AllocatorJson.Context.AllocationRequest, options);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "Allocator request, contract version 1",
            ["description"] = "The shape of a request; POST /v1/validations also checks the cross-field rules (docs/contract.md).",
        };
        foreach (var (name, value) in schema.AsObject().ToList())
        {
            schema.AsObject().Remove(name);
            root[name] = value;
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
