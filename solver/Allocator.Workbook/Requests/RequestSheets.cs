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

    /// <summary>Contract 1.1, section 2: signed contracts, one per row. Written only when the request has <c>commitments</c>.</summary>
    public const string CommitmentsSheet = "Commitments";

    /// <summary>Contract 1.1, section 2: the rows of <c>previousPlan.allocations</c>. Written only when the request has a previous plan.</summary>
    public const string PreviousPlanSheet = "Previous plan";
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
        new("asOf", "Current period (asOf)", "Re-planning (contract 1.1): no new money in periods before this one; signed commitments may lie there. Empty = 0.", SettingKind.Integer, Optional: true),
    ];

    /// <summary>Settings of the policy sheet.</summary>
    public static readonly Setting[] PolicySettings =
    [
        new("policy.maxProducerShare", "Largest share of all money for one producer (0-100%)", "Leave empty for no limit.", SettingKind.Share),
        new("solver.backend", "LP solver", "highs (default), glop, clp or pdlp.", SettingKind.Text),
        new("solver.timeLimitSeconds", "Time limit (seconds)", "Leave empty for no limit.", SettingKind.Number),
        new("solver.mipGap", "Stop at relative gap (MIP gap)", "With lot sizes or minimum orders: how close to the best plan in whole lots (empty = 0.0001; 0 = proven best).", SettingKind.Number),
        new("solver.tieRule", "Break ties by the tie rule (TRUE/FALSE)", "Empty = TRUE; FALSE skips the last stage that picks one plan among equally good ones.", SettingKind.Boolean, Optional: true),
    ];

    public static readonly Column[] DonorColumns =
    [
        new("id", "Donor id", 16, ColumnKind.Text),
        new("name", "Donor name", 40, ColumnKind.Text),
    ];

    public static readonly Column[] TrancheColumns =
    [
        new("donor", "Donor id", 16, ColumnKind.Text, Owner: true),
        new("amount", "Amount (in the tranche's currency)", 20, ColumnKind.Money),
        new("currency", "Currency (3 letters)", 12, ColumnKind.Text),
        new("availableFrom", "Available from (period; empty = 0)", 16, ColumnKind.Integer),
        new("expiresAfter", "Expires after (period; empty = last)", 16, ColumnKind.Integer),
    ];

    public static readonly Column[] EarmarkColumns =
    [
        new("donor", "Donor id", 16, ColumnKind.Text, Owner: true),
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

    /// <summary>A signed contract (<c>commitments[k]</c>): which tranche pays which line in which period, and how much.</summary>
    public static readonly Column[] CommitmentColumns =
    [
        new("donor", "Donor id", 16, ColumnKind.Text),
        new("tranche", "Tranche no.", 14, ColumnKind.Integer),
        new("line", "Line id", 18, ColumnKind.Text),
        new("period", "Period", 12, ColumnKind.Integer),
        new("amount", "Amount (base currency)", 20, ColumnKind.Money),
    ];

    /// <summary>
    /// A row of the previous plan: the commitment's five columns, then three a result's rows carry and the solver ignores
    /// (kept so that a request round-trips unchanged; empty is fine).
    /// </summary>
    public static readonly Column[] PreviousPlanColumns =
    [
        .. CommitmentColumns,
        new("deliveryPeriod", "Delivers in period (ignored)", 14, ColumnKind.Integer),
        new("units", "Units bought (ignored)", 14, ColumnKind.Number),
        new("signed", "Signed part (ignored)", 16, ColumnKind.Money),
    ];

    public static int IndexOf(Column[] columns, string field) => Array.FindIndex(columns, c => c.Field == field);
}

/// <summary>What kind of value a column or setting holds: its number format, and how the reader turns it into JSON.</summary>
internal enum ColumnKind { Text, Integer, Number, Money, Share, Boolean }

/// <summary>
/// A column of a table sheet: the JSON member it holds, its header and width. <c>Owner</c> marks the column naming the
/// donor a row belongs to (Tranches, Earmarks): it places the row and is not a member of it.
/// </summary>
internal sealed record Column(string Field, string Header, double Width, ColumnKind Kind, bool Owner = false);

/// <summary>Which JSON type a setting is.</summary>
internal enum SettingKind { Text, Integer, Number, Share, Boolean }

/// <summary>
/// A row of a settings sheet: the dotted JSON path below the root, its label and a hint. An <c>Optional</c> setting (a v1.1
/// field) is written only when the request has a value, so workbooks of requests without it are unchanged; it is always read.
/// </summary>
internal sealed record Setting(string Path, string Label, string Hint, SettingKind Kind, bool Optional = false);
