using System.Globalization;
using System.Text.Json.Nodes;
using Allocator.Workbook.Grid;
using static Allocator.Workbook.Requests.RequestSheets;

namespace Allocator.Workbook.Requests;

/// <summary>
/// Lays a request out as the planner's workbook. It works on the request's canonical JSON, member by member as
/// <see cref="RequestSheets"/> lists them, so whatever the JSON holds lands in a cell, and records each cell's JSON path.
/// A null request gives the empty template.
/// </summary>
internal sealed class RequestToGrid
{
    private const int TemplatePeriods = 12;

    private readonly GridBook _book = new();
    private readonly CellMap _map = new();
    private readonly JsonObject _root;
    private readonly ValueLists _lists;

    private RequestToGrid(JsonObject? root)
    {
        _root = root ?? new JsonObject { ["schemaVersion"] = "1" }; // the template: only the contract version is known
        _lists = ValueLists.Of(_root);
    }

    public static (GridBook Book, CellMap Map) Build(JsonObject? request)
    {
        var builder = new RequestToGrid(request);
        builder.HowToFill();
        builder.HorizonAndRates();
        builder.DonorsAndTranches();
        builder.Earmarks();
        builder.LinesAndCapacity();
        builder.NeedRows();
        builder.ContractRows(CommitmentsSheet, CommitmentColumns, builder._root["commitments"] as JsonArray, "$.commitments");
        builder.ContractRows(PreviousPlanSheet, PreviousPlanColumns, builder._root["previousPlan"]?["allocations"] as JsonArray, "$.previousPlan.allocations");
        builder.PolicyRows();
        builder.ListRows();
        return (builder._book, builder._map);
    }

    private void HowToFill()
    {
        var sheet = _book.Add(HowToSheet);
        sheet.Widths.Add(110);
        foreach (var (text, style) in HowToFillText.Lines)
            sheet.Add(GridCell.Of(text, style));
    }

    private void HorizonAndRates()
    {
        var sheet = _book.Add(HorizonSheet);
        sheet.Widths.AddRange([30, 28, 46, 3, 14, 24]);
        sheet.FrozenRows = 1;
        sheet.Add(Header("Setting"), Header("Value"), Header("What it means"), GridCell.Empty, Header("Currency"), Header("Value of 1 unit in the base currency"));
        WriteSettings(sheet, HorizonSettings);
        var rates = _root["exchangeRates"] as JsonObject;
        var row = 1;
        if (rates is { Count: 0 })
            Put(sheet, row, 4, GridCell.Of(EmptyList), "$.exchangeRates");
        foreach (var (currency, rate) in rates ?? [])
        {
            var path = JsonPaths.Property("$.exchangeRates", currency);
            Put(sheet, row, 4, GridCell.Of(currency), path);
            Put(sheet, row, 5, CellOf(rate, ColumnKind.Number), path);
            row++;
        }
    }

    private void DonorsAndTranches()
    {
        var donors = Table(DonorsSheet, DonorColumns);
        var tranches = Table(TranchesSheet, TrancheColumns);
        Validate(tranches, TrancheColumns, "donor", ValueLists.DonorColumn, "a donor id from the Donors sheet");
        Validate(tranches, TrancheColumns, "currency", ValueLists.CurrencyColumn, "a currency of this request");
        var d = 0;
        foreach (var donor in Array("donors"))
        {
            var path = JsonPaths.Index("$.donors", d++);
            WriteRow(donors, DonorColumns, donor as JsonObject, path);
            var t = 0;
            foreach (var tranche in (donor?["tranches"] as JsonArray) ?? [])
            {
                var at = JsonPaths.Index(path + ".tranches", t++);
                var row = WriteRow(tranches, TrancheColumns, tranche as JsonObject, at);
                Put(tranches, row, 0, Text(donor?["id"]), null);
            }
        }
    }

    private void Earmarks()
    {
        var sheet = Table(EarmarksSheet, EarmarkColumns);
        Validate(sheet, EarmarkColumns, "donor", ValueLists.DonorColumn, "a donor id from the Donors sheet");
        Validate(sheet, EarmarkColumns, "categories", ValueLists.CategoryColumn, "a category used by a line or need");
        Validate(sheet, EarmarkColumns, "countries", ValueLists.CountryColumn, "a country of a line's producer");
        Validate(sheet, EarmarkColumns, "producers", ValueLists.ProducerColumn, "a producer of a line");
        Validate(sheet, EarmarkColumns, "excludedProducers", ValueLists.ProducerColumn, "a producer of a line");
        var d = 0;
        foreach (var donor in Array("donors"))
        {
            var path = JsonPaths.Index("$.donors", d++) + ".eligibility";
            if (donor?["eligibility"] is not JsonObject eligibility) continue;
            var first = sheet.Rows.Count;
            var height = Math.Max(1, EarmarkColumns.Skip(1).Max(c => (eligibility[c.Field] as JsonArray)?.Count ?? 0));
            for (var i = 0; i < height; i++)
                Put(sheet, first + i, 0, Text(donor["id"]), i == 0 ? path : null);
            for (var c = 1; c < EarmarkColumns.Length; c++)
            {
                var field = EarmarkColumns[c].Field;
                if (eligibility[field] is not JsonArray items) continue;
                var listPath = path + "." + field;
                if (items.Count == 0) Put(sheet, first, c, GridCell.Of(EmptyList), listPath);
                for (var i = 0; i < items.Count; i++)
                    Put(sheet, first + i, c, Text(items[i]), JsonPaths.Index(listPath, i));
                _map.Add(listPath, new CellAddress(sheet.Name, first, c));
            }
        }
    }

    private void LinesAndCapacity()
    {
        var lines = Table(LinesSheet, LineColumns);
        Validate(lines, LineColumns, "currency", ValueLists.CurrencyColumn, "a currency of this request");
        var periods = (_root["horizon"]?["periods"] as JsonValue)?.TryGetValue<int>(out var p) == true && p is > 0 and <= 1000 ? p : TemplatePeriods;
        var capacity = _book.Add(CapacitySheet);
        capacity.FrozenRows = 1;
        capacity.Widths.Add(18);
        var start = _root["horizon"]?["start"]?.GetValue<string>();
        var header = new List<GridCell> { Header("Line id") };
        for (var t = 0; t < periods; t++)
        {
            header.Add(Header(t == 0 && start is not null ? $"Units in period 0 ({start})" : $"Units in period {t}"));
            capacity.Widths.Add(12);
        }
        capacity.Add([.. header]);
        var l = 0;
        foreach (var line in Array("lines"))
        {
            var path = JsonPaths.Index("$.lines", l++);
            WriteRow(lines, LineColumns, line as JsonObject, path);
            if (line?["capacity"] is not JsonArray byPeriod) continue;
            var row = capacity.Rows.Count;
            Put(capacity, row, 0, Text(line["id"]), path + ".capacity");
            for (var t = 0; t < byPeriod.Count; t++)
                Put(capacity, row, t + 1, CellOf(byPeriod[t], ColumnKind.Number), JsonPaths.Index(path + ".capacity", t));
        }
        Slips();
    }

    /// <summary>The lines' slips on their own sheet, only when some line has one (a request without slips gives the same workbook as before).</summary>
    private void Slips()
    {
        var slipping = Array("lines").Select((line, l) => (line, l)).Where(x => x.line?["slip"] is JsonArray).ToList();
        if (slipping.Count == 0) return;
        var sheet = _book.Add(SlipSheet);
        sheet.FrozenRows = 1;
        sheet.Widths.Add(18);
        var longest = slipping.Max(x => ((JsonArray)x.line!["slip"]!).Count);
        var header = new List<GridCell> { Header("Line id") };
        for (var d = 0; d < longest; d++)
        {
            header.Add(Header(d == 0 ? "Share 0 periods late" : d == 1 ? "1 period late" : $"{d} periods late"));
            sheet.Widths.Add(14);
        }
        sheet.Add([.. header]);
        foreach (var (line, l) in slipping)
        {
            var path = JsonPaths.Index("$.lines", l) + ".slip";
            var slip = (JsonArray)line!["slip"]!;
            var row = sheet.Rows.Count;
            Put(sheet, row, 0, Text(line["id"]), path);
            for (var d = 0; d < slip.Count; d++)
                Put(sheet, row, d + 1, CellOf(slip[d], ColumnKind.Share), JsonPaths.Index(path, d));
        }
    }

    private void NeedRows()
    {
        var needs = Table(NeedsSheet, NeedColumns);
        Validate(needs, NeedColumns, "category", ValueLists.CategoryColumn, "a category of a line");
        var n = 0;
        foreach (var need in Array("needs"))
            WriteRow(needs, NeedColumns, need as JsonObject, JsonPaths.Index("$.needs", n++));
    }

    /// <summary>
    /// Commitments or the previous plan (contract 1.1): one row per entry, on a sheet written only when the request has
    /// the member (an empty list gives a sheet with only its header), so other requests give the same workbook as before.
    /// </summary>
    private void ContractRows(string name, Column[] columns, JsonArray? rows, string path)
    {
        if (rows is null) return;
        var sheet = Table(name, columns);
        Validate(sheet, columns, "donor", ValueLists.DonorColumn, "a donor id from the Donors sheet");
        _map.Add(path, new CellAddress(sheet.Name, 0, 0));
        if (path.EndsWith(".allocations", StringComparison.Ordinal)) _map.Add("$.previousPlan", new CellAddress(sheet.Name, 0, 0));
        for (var i = 0; i < rows.Count; i++)
            WriteRow(sheet, columns, rows[i] as JsonObject, JsonPaths.Index(path, i));
    }

    private void PolicyRows()
    {
        var sheet = _book.Add(PolicySheet);
        sheet.Widths.AddRange([52, 16, 40]);
        sheet.FrozenRows = 1;
        sheet.Add(Header("Setting"), Header("Value"), Header("What it means"));
        WriteSettings(sheet, PolicySettings);
    }

    private void ListRows()
    {
        var sheet = _book.Add(ListsSheet);
        sheet.Hidden = true;
        sheet.Add([.. ValueLists.Headers.Select(h => Header(h))]);
        for (var i = 0; i < _lists.Longest; i++)
            sheet.Add([.. _lists.Columns.Select(c => i < c.Count ? GridCell.Of(c[i]) : GridCell.Empty)]);
    }

    private void WriteSettings(GridSheet sheet, Setting[] settings)
    {
        foreach (var setting in settings)
        {
            var row = sheet.Rows.Count;
            var node = setting.Path.Split('.').Aggregate((JsonNode?)_root, (n, member) => n?[member]);
            if (setting.Optional && node is null) continue;
            sheet.Add(GridCell.Of(setting.Label), CellOf(node, KindOf(setting.Kind)), GridCell.Of(setting.Hint, CellStyle.Wrapped));
            _map.Add(JsonPaths.Dotted(setting.Path), new CellAddress(sheet.Name, row, 1));
        }
    }

    private GridSheet Table(string name, Column[] columns)
    {
        var sheet = _book.Add(name);
        sheet.FrozenRows = 1;
        sheet.Widths.AddRange(columns.Select(c => c.Width));
        sheet.Add([.. columns.Select(c => Header(c.Header))]);
        return sheet;
    }

    private void Validate(GridSheet sheet, Column[] columns, string field, int listColumn, string prompt)
    {
        if (_lists.Columns[listColumn].Count == 0) return; // an empty drop-down would only get in the way of the template
        var letters = CellAddress.Letters(listColumn);
        sheet.Validations.Add(new ListValidation(IndexOf(columns, field), $"{ListsSheet}!${letters}$2:${letters}${_lists.Columns[listColumn].Count + 1}", $"Choose {prompt}, or type a new one."));
    }

    /// <summary>Writes one object as the next row; every column's path is mapped, present or not, so "is required" errors find their cell.</summary>
    private int WriteRow(GridSheet sheet, Column[] columns, JsonObject? item, string path)
    {
        var row = sheet.Rows.Count;
        sheet.Add(new GridCell[columns.Length]);
        for (var c = 0; c < columns.Length; c++)
        {
            var field = columns[c].Field;
            var memberPath = columns[c].Owner ? path : path + "." + field;
            // An array member (a capacity by period) has its own sheet; its column stays empty.
            var value = columns[c].Owner || item?[field] is JsonArray ? GridCell.Empty : CellOf(item?[field], columns[c].Kind);
            Put(sheet, row, c, value, memberPath);
        }
        _map.Add(path, new CellAddress(sheet.Name, row, 0));
        return row;
    }

    private void Put(GridSheet sheet, int row, int column, GridCell cell, string? path)
    {
        while (sheet.Rows.Count <= row) sheet.Add([]);
        var cells = sheet.Rows[row];
        if (cells.Length <= column)
        {
            System.Array.Resize(ref cells, column + 1);
            sheet.Rows[row] = cells;
        }
        cells[column] = cell;
        if (path is not null) _map.Add(path, new CellAddress(sheet.Name, row, column));
    }

    private IEnumerable<JsonNode?> Array(string member) => (_root[member] as JsonArray) ?? [];

    private static GridCell Header(string text) => GridCell.Of(text, CellStyle.Header);

    private static GridCell Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? GridCell.Of(text) : CellOf(node, ColumnKind.Text);

    internal static GridCell CellOf(JsonNode? node, ColumnKind kind)
    {
        if (node is not JsonValue value) return node is null ? GridCell.Empty : GridCell.Of(node.ToJsonString());
        if (value.TryGetValue<string>(out var text)) return GridCell.Of(text);
        if (value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            return GridCell.Of(value.GetValueKind() == System.Text.Json.JsonValueKind.True ? "TRUE" : "FALSE");
        if (value.TryGetValue<double>(out var number)) return GridCell.Of(number, StyleOf(kind));
        return GridCell.Of(value.ToJsonString());
    }

    private static CellStyle StyleOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => CellStyle.Integer,
        ColumnKind.Money => CellStyle.Money,
        ColumnKind.Share => CellStyle.Share,
        _ => CellStyle.Number,
    };

    private static ColumnKind KindOf(SettingKind kind) => kind switch
    {
        SettingKind.Integer => ColumnKind.Integer,
        SettingKind.Number => ColumnKind.Number,
        SettingKind.Share => ColumnKind.Share,
        SettingKind.Boolean => ColumnKind.Boolean,
        _ => ColumnKind.Text,
    };

    internal static string Invariant(double number) => number.ToString("R", CultureInfo.InvariantCulture);
}
