using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Allocator.Models;
using Allocator.Workbook.Grid;
using Allocator.Workbook.Requests;
using Allocator.Workbook.Xlsx;

namespace Allocator.Workbook;

/// <summary>One problem of a checked request: its JSON path, the message, and its cell when it has one.</summary>
/// <param name="Path">JSON path (<c>$</c> for a problem of the workbook's layout).</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Sheet">Sheet of the cell, or null.</param>
/// <param name="Cell">Cell reference such as <c>C7</c>, or null.</param>
public sealed record CheckedError(string Path, string Message, string? Sheet, string? Cell);

/// <summary>
/// A request (JSON or workbook) checked for the browser page: the request as canonical JSON when it is valid, every
/// problem with its cell, and the sheets' values so the page can show each problem in place.
/// </summary>
public static partial class RequestCheck
{
    /// <summary>Sheets shown to the planner; the instructions and the hidden lists are left out.</summary>
    private static readonly HashSet<string> Hidden = [RequestSheets.HowToSheet, RequestSheets.ListsSheet];

    /// <summary>
    /// Checks <paramref name="body"/> (request JSON, or an xlsx workbook) with <paramref name="read"/> (the engine's
    /// reader and validator) and answers <c>{ request, errors: [{path, message, sheet, cell}], sheets: [{name, rows}] }</c>.
    /// </summary>
    public static JsonObject Check(byte[] body, Func<byte[], (AllocationRequest? Request, IReadOnlyList<InputError> Errors)> read)
    {
        GridBook? book;
        List<InputError> errors;
        CellMap map;
        AllocationRequest? request = null;
        if (RequestWorkbook.IsWorkbook(body))
        {
            var (opened, problem) = XlsxReader.Read(body);
            if (opened is null) return Answer(null, [new CheckedError("$", problem!, null, null)], null);
            book = opened;
            var (json, cells, layout) = GridToRequest.Read(opened);
            map = cells;
            var checkedJson = read(Encoding.UTF8.GetBytes(json.ToJsonString()));
            errors = [.. layout, .. map.Locate(checkedJson.Errors)];
            if (errors.Count == 0) request = checkedJson.Request;
        }
        else
        {
            var checkedJson = read(body);
            errors = [.. checkedJson.Errors];
            book = null;
            map = new CellMap();
            var shaped = RequestReader.Read(body).Request;
            if (shaped is not null)
            {
                (book, map) = RequestToGrid.Build(JsonNode.Parse(AllocatorJson.Serialize(shaped))!.AsObject());
                errors = [.. map.Locate(errors)];
            }
            if (errors.Count == 0) request = checkedJson.Request;
        }
        return Answer(request, errors.Select(Split).ToList(), book);
    }

    private static CheckedError Split(InputError error)
    {
        var match = CellPrefix().Match(error.Message);
        if (!match.Success) return new CheckedError(error.Path, error.Message, null, null);
        var sheet = match.Groups["quoted"].Success ? match.Groups["quoted"].Value.Replace("''", "'") : match.Groups["plain"].Value;
        return new CheckedError(error.Path, error.Message[match.Length..], sheet, match.Groups["cell"].Value);
    }

    private static JsonObject Answer(AllocationRequest? request, IReadOnlyList<CheckedError> errors, GridBook? book)
    {
        var answer = new JsonObject
        {
            ["request"] = request is null ? null : JsonNode.Parse(AllocatorJson.Serialize(request)),
            ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
            {
                ["path"] = e.Path, ["message"] = e.Message, ["sheet"] = e.Sheet, ["cell"] = e.Cell,
            })]),
            ["sheets"] = new JsonArray([.. (book?.Sheets ?? []).Where(s => !Hidden.Contains(s.Name)).Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["rows"] = new JsonArray([.. s.Rows.Select(r => (JsonNode)new JsonArray([.. r.Select(c => (JsonNode?)JsonValue.Create(c.Display))]))]),
            })]),
        };
        return answer;
    }

    [GeneratedRegex(@"^(?:'(?<quoted>(?:[^']|'')+)'|(?<plain>[A-Za-z0-9_]+))!(?<cell>[A-Z]+[0-9]+): ")]
    private static partial Regex CellPrefix();
}
