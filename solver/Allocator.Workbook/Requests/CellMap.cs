using Allocator.Models;
using Allocator.Workbook.Grid;

namespace Allocator.Workbook.Requests;

/// <summary>
/// Where each JSON path of a request sits in its workbook: <c>$.donors[0].tranches[1].currency</c> is
/// <c>Tranches!C3</c>. Errors of the reader and validator carry JSON paths; this turns them into cells. A path with no
/// cell of its own (an object, or a member of a missing row) falls back to its nearest mapped parent.
/// </summary>
public sealed class CellMap
{
    private readonly Dictionary<string, CellAddress> _cells = new(StringComparer.Ordinal);

    internal void Add(string path, CellAddress cell) => _cells.TryAdd(path, cell);

    internal CellAddress? Find(string path)
    {
        for (var at = path; at.Length > 0; at = Parent(at))
            if (_cells.TryGetValue(at, out var cell)) return cell;
        return null;
    }

    /// <summary>The cell of <paramref name="path"/> as <c>Sheet!C7</c>, or null when the path has no place in the workbook.</summary>
    public string? CellOf(string path) => Find(path)?.ToString();

    /// <summary>
    /// The errors with their cell in front of the message: <c>Tranches!C7: no exchange rate for 'SEK'</c>. The JSON path
    /// stays the error's path, so the contract's error document keeps its shape.
    /// </summary>
    public IReadOnlyList<InputError> Locate(IReadOnlyList<InputError> errors) =>
        errors.Select(e => CellOf(e.Path) is { } cell && !e.Message.StartsWith(cell + ":", StringComparison.Ordinal)
            ? new InputError(e.Path, $"{cell}: {e.Message}")
            : e).ToList();

    private static string Parent(string path)
    {
        if (path == "$") return "";
        var cut = path.Length - 1;
        if (path[cut] == ']')
        {
            // '$.x[3]' -> '$.x'; "$['a.b']" -> '$'
            var open = path.LastIndexOf('[');
            return open > 0 ? path[..open] : "$";
        }
        var dot = path.LastIndexOf('.');
        return dot > 0 ? path[..dot] : "$";
    }
}
