using System.Globalization;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Workbook.Grid;
using static Allocator.Workbook.Requests.RequestSheets;

namespace Allocator.Workbook.Requests;

/// <summary>
/// Turns the planner's workbook back into request JSON, recording where each value came from. It checks only what
/// the workbook's layout adds (sheets, headers, rows that name a donor or line that is not there); every rule of the
/// contract is left to the request reader and validator, whose errors the <see cref="CellMap"/> then places in cells.
/// A value of the wrong type goes into the JSON as it is, so the reader names it.
/// </summary>
internal sealed class GridToRequest
{
    private readonly GridBook _book;
    private readonly CellMap _map = new();
    private readonly List<InputError> _errors = [];
    private readonly JsonObject _root = [];

    private GridToRequest(GridBook book) => _book = book;

    public static (JsonObject Request, CellMap Map, IReadOnlyList<InputError> Errors) Read(GridBook book)
    {
        var reader = new GridToRequest(book);
        reader.Settings(HorizonSheet, HorizonSettings);
        reader.Rates();
        var donors = reader.DonorsAndTranches();
        reader.Earmarks(donors);
        reader.LinesAndCapacity();
        reader.NeedRows();
        reader.Settings(PolicySheet, PolicySettings);
        if (reader.ContractRows(CommitmentsSheet, CommitmentColumns, "$.commitments") is { } commitments)
            reader._root["commitments"] = commitments;
        if (reader.ContractRows(PreviousPlanSheet, PreviousPlanColumns, "$.previousPlan.allocations") is { } previous)
            reader._root["previousPlan"] = new JsonObject { ["allocations"] = previous };
        return (reader._root, reader._map, reader._errors);
    }

    private GridSheet? Sheet(string name, bool required = true)
    {
        var sheet = _book.Find(name);
        if (sheet is null && required)
            _errors.Add(new InputError("$", $"the workbook has no sheet '{name}' (start from `allocator template` or `allocator convert`, and keep the sheet names)"));
        return sheet;
    }

    private void Settings(string sheetName, Setting[] settings)
    {
        if (Sheet(sheetName) is not { } sheet) return;
        var byLabel = settings.ToDictionary(s => Normal(s.Label), StringComparer.Ordinal);
        for (var row = 1; row < sheet.Rows.Count; row++)
        {
            var label = sheet.At(row, 0);
            if (label.IsEmpty || label.Display.Trim().Length == 0) continue;
            var at = new CellAddress(sheet.Name, row, 0);
            if (!byLabel.TryGetValue(Normal(label.Display), out var setting))
            {
                _errors.Add(new InputError("$", $"{at}: '{label.Display}' is not a setting of this sheet (the settings are: {string.Join("; ", settings.Select(s => s.Label))})"));
                continue;
            }
            var path = JsonPaths.Dotted(setting.Path);
            var cell = new CellAddress(sheet.Name, row, 1);
            _map.Add(path, cell);
            var members = setting.Path.Split('.');
            for (var i = 1; i < members.Length; i++)
                _map.Add(JsonPaths.Dotted(string.Join('.', members[..i])), cell);
            if (ValueOf(sheet.At(row, 1), KindOf(setting.Kind)) is not { } value) continue;
            var parent = _root;
            foreach (var member in members[..^1])
                parent = parent[member] as JsonObject ?? (JsonObject)(parent[member] = new JsonObject());
            parent[members[^1]] = value;
        }
    }

    private void Rates()
    {
        if (_book.Find(HorizonSheet) is not { } sheet) return;
        JsonObject? rates = null;
        for (var row = 1; row < sheet.Rows.Count; row++)
        {
            var currency = sheet.At(row, 4);
            var rate = sheet.At(row, 5);
            if (currency.IsEmpty && rate.IsEmpty) continue;
            rates ??= [];
            var at = new CellAddress(sheet.Name, row, 4);
            _map.Add("$.exchangeRates", at);
            if (currency.Display == EmptyList && rate.IsEmpty) continue;
            if (currency.IsEmpty)
            {
                _errors.Add(new InputError("$.exchangeRates", $"{at}: a rate without a currency (write the currency's three letters)"));
                continue;
            }
            var path = JsonPaths.Property("$.exchangeRates", currency.Display);
            _map.Add(path, new CellAddress(sheet.Name, row, 5));
            if (rates.ContainsKey(currency.Display))
                _errors.Add(new InputError(path, $"{at}: the rate of '{currency.Display}' is given twice (keep one row)"));
            else
                rates[currency.Display] = ValueOf(rate, ColumnKind.Number);
        }
        if (rates is not null) _root["exchangeRates"] = rates;
    }

    private List<(string Id, JsonObject Donor, string Path)> DonorsAndTranches()
    {
        var donors = new List<(string Id, JsonObject Donor, string Path)>();
        var array = new JsonArray();
        _root["donors"] = array;
        foreach (var (sheet, row, values) in Rows(DonorsSheet, DonorColumns))
        {
            var path = JsonPaths.Index("$.donors", array.Count);
            var donor = Object(sheet, row, DonorColumns, values, path);
            donor["tranches"] = new JsonArray();
            array.Add(donor);
            _map.Add(path + ".tranches", new CellAddress(sheet.Name, row, 0));
            donors.Add((values[0].Display, donor, path));
        }
        var donorIds = ById(donors);
        foreach (var (sheet, row, values) in Rows(TranchesSheet, TrancheColumns))
        {
            if (Owner(donorIds, sheet, row, values[0], "Donors") is not { } owner) continue;
            var tranches = (JsonArray)owner.Donor["tranches"]!;
            var path = JsonPaths.Index(owner.Path + ".tranches", tranches.Count);
            tranches.Add(Object(sheet, row, TrancheColumns, values, path));
        }
        return donors;
    }

    private void Earmarks(List<(string Id, JsonObject Donor, string Path)> donors)
    {
        var donorIds = ById(donors);
        foreach (var (sheet, row, values) in Rows(EarmarksSheet, EarmarkColumns))
        {
            if (Owner(donorIds, sheet, row, values[0], "Donors") is not { } owner) continue;
            var path = owner.Path + ".eligibility";
            if (owner.Donor["eligibility"] is not JsonObject eligibility)
            {
                owner.Donor["eligibility"] = eligibility = [];
                _map.Add(path, new CellAddress(sheet.Name, row, 0));
            }
            for (var c = 1; c < EarmarkColumns.Length; c++)
            {
                var field = EarmarkColumns[c].Field;
                var listPath = path + "." + field;
                if (values[c].IsEmpty) continue;
                var cell = new CellAddress(sheet.Name, row, c);
                _map.Add(listPath, cell);
                if (eligibility[field] is not JsonArray items) eligibility[field] = items = [];
                if (values[c].Display == EmptyList) continue;
                _map.Add(JsonPaths.Index(listPath, items.Count), cell);
                items.Add(ValueOf(values[c], ColumnKind.Text));
            }
        }
    }

    private void LinesAndCapacity()
    {
        var lines = new List<(string Id, JsonObject Line, string Path)>();
        var array = new JsonArray();
        _root["lines"] = array;
        foreach (var (sheet, row, values) in Rows(LinesSheet, LineColumns))
        {
            var path = JsonPaths.Index("$.lines", array.Count);
            var line = Object(sheet, row, LineColumns, values, path);
            array.Add(line);
            lines.Add((values[0].Display, line, path));
        }
        var lineIds = ById(lines);
        Slips(lineIds);
        if (Sheet(CapacitySheet, required: false) is not { } capacity) return;
        for (var row = 1; row < capacity.Rows.Count; row++)
        {
            var cells = capacity.Rows[row];
            var last = Array.FindLastIndex(cells, c => !c.IsEmpty);
            if (last < 0) continue;
            if (Owner(lineIds, capacity, row, cells[0], "Lines") is not { } owner) continue;
            var path = owner.Path + ".capacity";
            if (owner.Donor.ContainsKey("capacity"))
            {
                _errors.Add(new InputError(path, $"{new CellAddress(capacity.Name, row, 0)}: line '{owner.Id}' has a capacity on the Lines sheet too (keep one: a number there, or one number per period here)"));
                continue;
            }
            var values = new JsonArray();
            for (var c = 1; c <= last; c++)
            {
                _map.Add(JsonPaths.Index(path, c - 1), new CellAddress(capacity.Name, row, c));
                values.Add(ValueOf(capacity.At(row, c), ColumnKind.Number));
            }
            owner.Donor["capacity"] = values;
            // The line's own capacity cell stays mapped for the array as a whole: errors about its length point here.
            _map.Add(path, new CellAddress(capacity.Name, row, 0));
        }
    }

    /// <summary>The optional slips sheet: a line's id, then its probabilities of arriving 0, 1, 2, ... periods late (an empty cell before the last is 0).</summary>
    private void Slips(Dictionary<string, (string Id, JsonObject Donor, string Path)> lineIds)
    {
        if (Sheet(SlipSheet, required: false) is not { } sheet) return;
        for (var row = 1; row < sheet.Rows.Count; row++)
        {
            var cells = sheet.Rows[row];
            var last = Array.FindLastIndex(cells, c => !c.IsEmpty);
            if (last < 0) continue;
            if (Owner(lineIds, sheet, row, cells[0], "Lines") is not { } owner) continue;
            var path = owner.Path + ".slip";
            if (owner.Donor.ContainsKey("slip"))
            {
                _errors.Add(new InputError(path, $"{new CellAddress(sheet.Name, row, 0)}: line '{owner.Id}' has a second row on this sheet (keep one)"));
                continue;
            }
            var values = new JsonArray();
            for (var c = 1; c <= last; c++)
            {
                _map.Add(JsonPaths.Index(path, c - 1), new CellAddress(sheet.Name, row, c));
                values.Add(ValueOf(sheet.At(row, c), ColumnKind.Share) ?? JsonValue.Create(0));
            }
            owner.Donor["slip"] = values;
            _map.Add(path, new CellAddress(sheet.Name, row, 0));
        }
    }

    private void NeedRows()
    {
        var array = new JsonArray();
        _root["needs"] = array;
        foreach (var (sheet, row, values) in Rows(NeedsSheet, NeedColumns))
            array.Add(Object(sheet, row, NeedColumns, values, JsonPaths.Index("$.needs", array.Count)));
    }

    /// <summary>
    /// The optional Commitments or Previous plan sheet (contract 1.1) as a JSON array, one object per row; null when the
    /// sheet is absent (the member is absent too). Donor, tranche, line and period are checked by the validator, at their cells.
    /// </summary>
    private JsonArray? ContractRows(string name, Column[] columns, string path)
    {
        if (Sheet(name, required: false) is not { } sheet) return null;
        var array = new JsonArray();
        _map.Add(path, new CellAddress(sheet.Name, 0, 0));
        if (path.EndsWith(".allocations", StringComparison.Ordinal)) _map.Add("$.previousPlan", new CellAddress(sheet.Name, 0, 0));
        foreach (var (s, row, values) in Rows(name, columns))
            array.Add(Object(s, row, columns, values, JsonPaths.Index(path, array.Count)));
        return array;
    }

    /// <summary>Rows by id; with a repeated id the first row wins (the validator reports the repeat at its cell).</summary>
    private static Dictionary<string, (string Id, JsonObject Donor, string Path)> ById(List<(string Id, JsonObject Donor, string Path)> owners)
    {
        var byId = new Dictionary<string, (string Id, JsonObject Donor, string Path)>(StringComparer.Ordinal);
        foreach (var owner in owners) byId.TryAdd(owner.Id, owner);
        return byId;
    }

    /// <summary>The owner a row names in its first column, or null after reporting that it names none.</summary>
    private (string Id, JsonObject Donor, string Path)? Owner(Dictionary<string, (string Id, JsonObject Donor, string Path)> owners, GridSheet sheet, int row, GridCell id, string ownerSheet)
    {
        var at = new CellAddress(sheet.Name, row, 0);
        if (id.IsEmpty || id.Display.Length == 0)
        {
            _errors.Add(new InputError("$", $"{at}: the row names no {Singular(ownerSheet)} (give the id of a row of the {ownerSheet} sheet)"));
            return null;
        }
        if (owners.TryGetValue(id.Display, out var owner)) return owner;
        _errors.Add(new InputError("$", $"{at}: there is no {Singular(ownerSheet)} '{id.Display}' on the {ownerSheet} sheet (add it there or correct the id)"));
        return null;
    }

    private static string Singular(string sheet) => sheet == "Donors" ? "donor" : "line";

    /// <summary>One object from a row; every column's cell is mapped, including empty ones, for "is required" errors.</summary>
    private JsonObject Object(GridSheet sheet, int row, Column[] columns, GridCell[] values, string path)
    {
        var item = new JsonObject();
        _map.Add(path, new CellAddress(sheet.Name, row, 0));
        for (var c = 0; c < columns.Length; c++)
        {
            if (columns[c].Owner) continue;
            _map.Add(path + "." + columns[c].Field, new CellAddress(sheet.Name, row, ColumnAt(sheet, columns, c)));
            if (ValueOf(values[c], columns[c].Kind) is { } value) item[columns[c].Field] = value;
        }
        return item;
    }

    private readonly Dictionary<string, int[]> _layouts = new(StringComparer.Ordinal);

    private int ColumnAt(GridSheet sheet, Column[] columns, int c) => _layouts.TryGetValue(sheet.Name, out var layout) ? layout[c] : c;

    /// <summary>The non-empty data rows of a table sheet, each as one cell per column of <paramref name="columns"/>, found by header.</summary>
    private IEnumerable<(GridSheet Sheet, int Row, GridCell[] Values)> Rows(string name, Column[] columns)
    {
        if (Sheet(name) is not { } sheet) yield break;
        var layout = Enumerable.Repeat(-1, columns.Length).ToArray();
        var header = sheet.Rows.Count > 0 ? sheet.Rows[0] : [];
        for (var c = 0; c < header.Length; c++)
        {
            if (header[c].IsEmpty) continue;
            var index = Array.FindIndex(columns, col => Normal(col.Header) == Normal(header[c].Display));
            if (index < 0)
                _errors.Add(new InputError("$", $"{new CellAddress(sheet.Name, 0, c)}: '{header[c].Display}' is not a column of this sheet (the columns are: {string.Join("; ", columns.Select(col => col.Header))})"));
            else
                layout[index] = c;
        }
        // A column whose header is missing still has a place for its errors: where the template puts it.
        for (var i = 0; i < layout.Length; i++)
            if (layout[i] < 0) layout[i] = header.Length + i;
        _layouts[sheet.Name] = layout;
        for (var row = 1; row < sheet.Rows.Count; row++)
        {
            var values = layout.Select(c => sheet.At(row, c)).ToArray();
            if (values.All(v => v.IsEmpty)) continue;
            yield return (sheet, row, values);
        }
    }

    /// <summary>The JSON for a cell: absent when empty; a number column takes numbers (and text that reads as one); text stays text.</summary>
    private static JsonNode? ValueOf(GridCell cell, ColumnKind kind)
    {
        if (cell.IsEmpty) return null;
        if (kind == ColumnKind.Boolean && cell.Text?.Trim() is { } flag && (flag.Equals("true", StringComparison.OrdinalIgnoreCase) || flag.Equals("false", StringComparison.OrdinalIgnoreCase)))
            return JsonValue.Create(flag.Equals("true", StringComparison.OrdinalIgnoreCase));
        if (kind is ColumnKind.Text or ColumnKind.Boolean && cell.Text is not null)
            return JsonValue.Create(cell.Text);
        if (kind == ColumnKind.Text)
            return JsonValue.Create(cell.Text ?? RequestToGrid.Invariant(cell.Number!.Value));
        if (cell.Number is { } number)
            return kind == ColumnKind.Integer && number == Math.Floor(number) && Math.Abs(number) < 1e15
                ? JsonValue.Create((long)number)
                : JsonValue.Create(number);
        var text = cell.Text!.Trim();
        var percent = kind == ColumnKind.Share && text.EndsWith('%');
        if (double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
            return ValueOf(GridCell.Of(percent ? parsed / 100 : parsed, CellStyle.Number), kind);
        return JsonValue.Create(cell.Text);
    }

    private static ColumnKind KindOf(SettingKind kind) => kind switch
    {
        SettingKind.Integer => ColumnKind.Integer,
        SettingKind.Number => ColumnKind.Number,
        SettingKind.Share => ColumnKind.Share,
        SettingKind.Boolean => ColumnKind.Boolean,
        _ => ColumnKind.Text,
    };

    private static string Normal(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
