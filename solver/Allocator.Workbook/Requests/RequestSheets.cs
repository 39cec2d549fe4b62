namespace Allocator.Workbook.Requests;

/// <summary>
/// The request workbook's layout in one place: sheet names, and for each table sheet its columns in order with the
/// header a planner reads. The writer and the reader both follow these lists, so a column moves in one line.
/// A v1.1 field is one more entry here (docs/workbook.md says where each goes).
/// </summary>
internal static class RequestSheets
{
    public const string HowToSheet = "How to fill";
    public const string HorizonSheet = "Horizon & rates";
    public const string DonorsSheet = "Donors";
    public const string TranchesSheet = "Tranches";
    public const string EarmarksSheet = "Earmarks";
    public const string LinesSheet = "Lines";
    public const string CapacitySheet = "Capacity by period";

    /// <summary>
    /// Contract 1.1, section 4: one row per line that may deliver late, its id then the probabilities of arriving on
    /// time, 1 period late, 2 late, ... Written only when some line has a slip; optional when read.
    /// </summary>
    public const string SlipSheet = "Slip";
    public const string NeedsSheet = "Needs";
    public const string PolicySheet = "Policy & solver";
    public const string ListsSheet = "Lists";

    /// <summary>Written in an earmark column to say "this list is present and empty" (JSON <c>[]</c>), which an empty cell cannot.</summary>
    public const string EmptyList = "(none)";

    /// <summary>Settings of the horizon sheet: label in column A, value in column B.</summary>
    public static readonly Setting[] HorizonSettings =
    [
        new("schemaVersion", "Contract version", "Always 1.", SettingKind.Text),
        new("name", "Request name", "Free text shown in reports.", SettingKind.Text),
        new("baseCurrency", "Base currency (3 letters)", "Every amount of the plan is in this currency.", SettingKind.Text),
        new("horizon.periods", "Periods (count)", "Number of planning periods; they are numbered 0, 1, 2, ...", SettingKind.Integer),
        new("horizon.start", "Label of period 0", "For example 2024-07; reports only.", SettingKind.Text),
        new("horizon.unit", "Period length", "For example month; reports only.", SettingKind.Text),
    ];

    /// <summary>Settings of the policy sheet.</summary>
    public static readonly Setting[] PolicySettings =
    [
        new("policy.maxProducerShare", "Largest share of all money for one producer (0-100%)", "Leave empty for no limit.", SettingKind.Share),
        new("solver.backend", "LP solver", "highs (default), glop, clp or pdlp.", SettingKind.Text),
        new("solver.timeLimitSeconds", "Time limit (seconds)", "Leave empty for no limit.", SettingKind.Number),
        new("solver.mipGap", "Stop at relative gap (MIP gap)", "With lot sizes or minimum orders: how close to the best plan in whole lots (empty = 0.0001; 0 = proven best).", SettingKind.Number),
    ];

    public static readonly Column[] DonorColumns =
    [
        new("id", "Donor id", 16, ColumnKind.Text),
        new("name", "Donor name", 40, ColumnKind.Text),
    ];

    public static readonly Column[] TrancheColumns =
    [
        new("donor", "Donor id", 16, ColumnKind.Text),
        new("amount", "Amount (in the tranche's currency)", 20, ColumnKind.Money),
        new("currency", "Currency (3 letters)", 12, ColumnKind.Text),
        new("availableFrom", "Available from (period; empty = 0)", 16, ColumnKind.Integer),
        new("expiresAfter", "Expires after (period; empty = last)", 16, ColumnKind.Integer),
    ];

    public static readonly Column[] EarmarkColumns =
    [
        new("donor", "Donor id", 16, ColumnKind.Text),
        new("categories", "Only these categories", 22, ColumnKind.Text),
        new("countries", "Only producers in these countries", 22, ColumnKind.Text),
        new("producers", "Only these producers", 22, ColumnKind.Text),
        new("excludedProducers", "Never these producers", 22, ColumnKind.Text),
    ];

    public static readonly Column[] LineColumns =
    [
        new("id", "Line id", 18, ColumnKind.Text),
        new("producer", "Producer", 18, ColumnKind.Text),
        new("country", "Producer's country", 12, ColumnKind.Text),
        new("category", "Product category", 16, ColumnKind.Text),
        new("product", "Product (label)", 26, ColumnKind.Text),
        new("unitCost", "Unit cost (in the line's currency)", 18, ColumnKind.Money),
        new("currency", "Currency (3 letters)", 12, ColumnKind.Text),
        new("leadTime", "Lead time (periods from funding to delivery)", 16, ColumnKind.Integer),
        new("capacity", "Capacity (units per period; empty = see 'Capacity by period')", 22, ColumnKind.Number),
        new("lotSize", "Lot size (units)", 14, ColumnKind.Number),
        new("minimumOrder", "Minimum order (units per period)", 14, ColumnKind.Number),
    ];

    public static readonly Column[] NeedColumns =
    [
        new("id", "Need id", 18, ColumnKind.Text),
        new("category", "Product category", 16, ColumnKind.Text),
        new("quantity", "Quantity (units)", 14, ColumnKind.Number),
        new("priority", "Priority (value of covering it all on time)", 18, ColumnKind.Number),
        new("dueBy", "Due by (period)", 12, ColumnKind.Integer),
        new("lateDecay", "Value lost per period late (empty = 25%)", 16, ColumnKind.Share),
        new("tier", "Urgency tier (1 = most urgent; optional)", 14, ColumnKind.Integer),
    ];

    public static int IndexOf(Column[] columns, string field) => Array.FindIndex(columns, c => c.Field == field);
}

/// <summary>What kind of value a column or setting holds: its number format, and how the reader turns it into JSON.</summary>
internal enum ColumnKind { Text, Integer, Number, Money, Share }

/// <summary>A column of a table sheet: the JSON member it holds, its header and width.</summary>
internal sealed record Column(string Field, string Header, double Width, ColumnKind Kind);

/// <summary>Which JSON type a setting is.</summary>
internal enum SettingKind { Text, Integer, Number, Share }

/// <summary>A row of a settings sheet: the dotted JSON path below the root, its label and a hint.</summary>
internal sealed record Setting(string Path, string Label, string Hint, SettingKind Kind);
