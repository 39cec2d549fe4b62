namespace Allocator.Workbook.Grid;

/// <summary>
/// A drop-down on one column of a sheet, from data rows down: the allowed values are a column of the hidden lists
/// sheet. Values outside the list raise a warning, not a refusal, so a planner can add a new currency or category
/// (the reader and validator decide what is really allowed, and name the cell when it is not).
/// </summary>
/// <param name="Column">0-based column index.</param>
/// <param name="Source">Range of the allowed values, for example <c>Lists!$A$2:$A$9</c>.</param>
/// <param name="Prompt">What the drop-down offers, shown when the cell is selected.</param>
internal sealed record ListValidation(int Column, string Source, string Prompt);
