using Allocator.Workbook.Grid;

namespace Allocator.Workbook.Requests;

/// <summary>The text of the "How to fill" sheet: what each sheet is for, in a planner's words.</summary>
internal static class HowToFillText
{
    public static readonly (string Text, CellStyle Style)[] Lines =
    [
        ("Allocator request: how to fill this workbook", CellStyle.Title),
        ("Each sheet holds one part of the request. Row 1 of every sheet is its header: keep it, and keep the sheet names.", CellStyle.Wrapped),
        ("Periods are numbered 0, 1, 2, ... from the first period of the horizon. Money is in the currency named on the same row.", CellStyle.Wrapped),
        ("", CellStyle.Plain),
        ("Horizon & rates — base currency, number of periods and their labels; on the right, the value of one unit of each other currency in the base currency.", CellStyle.Wrapped),
        ("Donors — one row per partner: an id (short, unique) and a name.", CellStyle.Wrapped),
        ("Tranches — one row per pledge: the donor's id, amount, currency, and the periods in which it may be committed. A donor's tranches are numbered 0, 1, ... in row order.", CellStyle.Wrapped),
        ("Earmarks — restrictions on where a donor's money may go. One value per cell; use as many rows per donor as the longest list. Write (none) for a list that is deliberately empty. A donor without rows here may fund any line.", CellStyle.Wrapped),
        ("Lines — one row per production line with free capacity: producer, country, category, unit cost and its currency, lead time, and capacity per period.", CellStyle.Wrapped),
        ("Capacity by period — only for lines whose capacity changes over time: leave the line's capacity empty on Lines and give one number per period here.", CellStyle.Wrapped),
        ("Needs — one row per need of the armed forces: category, quantity, priority (the value of covering it fully on time), due period, value lost per period late, and optionally an urgency tier.", CellStyle.Wrapped),
        ("Policy & solver — optional rules and solver settings; leave a value empty to use the default.", CellStyle.Wrapped),
        ("", CellStyle.Plain),
        ("Drop-downs offer the currencies, categories, countries, producers and donors already used; a new value is allowed after a warning.", CellStyle.Wrapped),
        ("Check the workbook with: allocator validate request.xlsx — every problem is named by its cell, for example Tranches!C7.", CellStyle.Wrapped),
        ("Solve it with: allocator solve request.xlsx -o plan.xlsx", CellStyle.Wrapped),
    ];
}
