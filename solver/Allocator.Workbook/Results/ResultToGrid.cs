using System.Globalization;
using Allocator.Models;
using Allocator.Workbook.Grid;

namespace Allocator.Workbook.Results;

/// <summary>
/// Lays a plan out as a workbook: a summary, every table of the result, and the "why" (marginal values and reasons)
/// when the result has explanations. Money in the base currency with thousands separators, headers frozen.
/// With the request at hand, donors and lines also get their names.
/// </summary>
internal static class ResultToGrid
{
    public static GridBook Build(AllocationRequest? request, AllocationResult result)
    {
        var book = new GridBook();
        var money = $"({result.BaseCurrency})";
        Summary(book.Add("Summary"), result);

        var donorNames = request?.Donors.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First().Name) ?? [];
        var lines = request?.Lines.GroupBy(l => l.Id).ToDictionary(g => g.Key, g => g.First()) ?? [];

        var allocations = Table(book, "Allocations", ("Donor", 16), ("Tranche no. (0 = first)", 10), ("Line", 18), ("Committed in period", 12),
            ("Delivers in period", 12), ($"Amount {money}", 20), ("Units bought", 14));
        foreach (var a in result.Allocations)
            allocations.Add(T(a.Donor), I(a.Tranche), T(a.Line), I(a.Period), I(a.DeliveryPeriod), M(a.Amount), N(a.Units));

        var deliveries = Table(book, "Deliveries", ("Line", 18), ("Need", 18), ("Delivery period", 12), ("Units", 14), ("Value", 14));
        foreach (var d in result.Deliveries)
            deliveries.Add(T(d.Line), T(d.Need), I(d.Period), N(d.Units), N(d.Value));

        var donors = Table(book, "Per donor", ("Donor", 16), ("Name", 32), ($"Pledged {money}", 20), ($"Committed {money}", 20), ($"Unallocated {money}", 20), ("Committed share", 12));
        foreach (var d in result.Donors)
            donors.Add(T(d.Id), T(donorNames.GetValueOrDefault(d.Id)), M(d.Available), M(d.Committed), M(d.Unallocated), S(d.Available > 0 ? d.Committed / d.Available : null));

        var perLine = Table(book, "Per line", ("Line", 18), ("Producer", 16), ("Category", 14), ("Funded units", 14), ("Capacity units", 14), ("Capacity used", 12), ($"Funding {money}", 20));
        foreach (var l in result.Lines)
        {
            var line = lines.GetValueOrDefault(l.Id);
            perLine.Add(T(l.Id), T(line?.Producer), T(line?.Category), N(l.FundedUnits), N(l.CapacityUnits), S(l.CapacityUnits > 0 ? l.FundedUnits / l.CapacityUnits : null), M(l.Funding));
        }

        var needs = Table(book, "Per need", ("Need", 18), ("Delivered units", 14), ("On-time units", 14), ("Shortfall units", 14), ("Value", 14));
        foreach (var n in result.Needs)
            needs.Add(T(n.Id), N(n.DeliveredUnits), N(n.OnTimeUnits), N(n.ShortfallUnits), N(n.Value));

        if (request is not null && DeliveryRisk.HasSlips(request) && result.Deliveries.Count > 0) Risk(book, request, result);
        if (result.Explanations is { } e) Why(book, e, money);
        return book;
    }

    /// <summary>
    /// Delivery risk (contract 1.1, section 4), only when some line may slip: the expected value against the value if
    /// on time, and every producer by the expected value its failure would cost (exact; no sampling).
    /// </summary>
    private static void Risk(GridBook book, AllocationRequest request, AllocationResult result)
    {
        var (expected, ifOnTime, producers) = DeliveryRisk.Exposure(request, result);
        var sheet = Table(book, "Delivery risk", ("Producer", 18), ("Lines", 24), ("Expected value lost if it delivers nothing", 18), ("Share of the plan's value", 12), ("Needs hit most", 50));
        foreach (var p in producers)
            sheet.Add(T(p.Producer), T(string.Join(", ", p.Lines)), N(p.Loss), S(p.LossShare),
                T(string.Join(", ", p.Needs.Take(3).Select(n => $"{n.Id} {n.Loss.ToString("0.###", CultureInfo.InvariantCulture)}"))));
        sheet.Add();
        sheet.Add(T("Expected value"), GridCell.Empty, N(expected));
        sheet.Add(T("Value if every unit arrived when due"), GridCell.Empty, N(ifOnTime));
        sheet.Add(T("Lines may deliver late (lines[].slip): values are expected values. allocator stress gives each need's chance of arriving on time."));
    }

    private static void Summary(GridSheet sheet, AllocationResult result)
    {
        sheet.Widths.AddRange([34, 26, 60]);
        sheet.FrozenRows = 1;
        sheet.Add(Header("Plan"), Header("Value"), Header("Meaning"));
        var s = result.Summary;
        void Row(string label, GridCell value, string meaning) => sheet.Add(GridCell.Of(label), value, GridCell.Of(meaning, CellStyle.Wrapped));
        Row("Status", T(result.Status), "optimal, feasible (stopped by the time limit; the plan is valid) or not_solved");
        if (result.Message is { } message) Row("Message", T(message), "why the status is not optimal");
        Row("Base currency", T(result.BaseCurrency), "every amount in this workbook");
        Row("Value delivered", N(s.Value), "urgency-weighted value of the deliveries");
        Row("Value if every need were covered on time", N(s.MaxValue), "sum of the needs' priorities");
        Row("Share of the possible value", S(s.MaxValue > 0 ? s.Value / s.MaxValue : null), "value delivered / possible value");
        Row("Money committed", M(s.Committed), "");
        Row("Money pledged", M(s.Available), "all tranches");
        Row("Money left unallocated", M(s.Unallocated), "pledged - committed");
        if (result.Explanations?.Baseline is { } b)
        {
            Row("Value of a careful hand-made plan", N(b.Value), b.Method);
            Row("Gain over the hand-made plan", b.GainPercent is { } gain ? S(gain / 100) : T("-"), "more value than the hand-made plan");
        }
        var d = result.Diagnostics;
        Row("LP solver", T(d.Backend), $"{d.Variables.ToString("N0", CultureInfo.InvariantCulture)} variables, {d.Constraints.ToString("N0", CultureInfo.InvariantCulture)} constraints");
        Row("Solve time (seconds)", N(d.SolveSeconds), "time in the LP solver");
        Row("Request SHA-256", T(d.InputSha256), "identifies the request this plan answers");
        if (d.EngineVersion is { } version) Row("Allocator version", T(version), "");
    }

    private static void Why(GridBook book, PlanExplanations e, string money)
    {
        var tranches = Table(book, "Why - money", ("Donor", 16), ("Tranche no.", 10), ($"Unallocated {money}", 20), ("Value of +1M more", 16),
            ("How obtained", 16), ("Tier", 8), ("Reason code", 22), ("Reason", 90));
        foreach (var t in e.Tranches)
            tranches.Add(T(t.Donor), I(t.Tranche), M(t.Unallocated), N(t.MarginalValuePerMillion), T(t.Derivative), I(t.Tier), T(t.Reason?.Code), W(t.Reason?.Message));

        var lines = Table(book, "Why - capacity", ("Line", 18), ("Unfunded units", 14), ($"Break-even unit cost {money}", 18),
            ("Value of +1 unit of capacity (period: value)", 40), ("Reason code", 22), ("Reason", 90));
        foreach (var l in e.Lines)
            lines.Add(T(l.Line), N(l.UnfundedUnits), M(l.BreakEvenUnitCost),
                T(l.CapacityValue.Count == 0 ? null : string.Join("; ", l.CapacityValue.Select(v => $"{v.Period}: {v.Value.ToString("G6", CultureInfo.InvariantCulture)}"))),
                T(l.Reason?.Code), W(l.Reason?.Message));

        var needs = Table(book, "Why - needs", ("Need", 18), ("Shortfall units", 14), ("Value of +1 unit of need", 16), ("How obtained", 16),
            ("Tier", 8), ("Reason code", 22), ("Reason", 90));
        foreach (var n in e.Needs)
            needs.Add(T(n.Need), N(n.ShortfallUnits), N(n.MarginalValuePerUnit), T(n.Derivative), I(n.Tier), T(n.Reason?.Code), W(n.Reason?.Message));

        var notes = book.Add("Why - notes");
        notes.Widths.Add(120);
        notes.FrozenRows = 1;
        notes.Add(Header("How the marginal values were obtained, and what the explanations could not do"));
        notes.Add(W(e.MarginalValueBasis));
        foreach (var note in e.Notes ?? []) notes.Add(W(note));
    }

    private static GridSheet Table(GridBook book, string name, params (string Header, double Width)[] columns)
    {
        var sheet = book.Add(name);
        sheet.FrozenRows = 1;
        sheet.Widths.AddRange(columns.Select(c => c.Width));
        sheet.Add([.. columns.Select(c => Header(c.Header))]);
        return sheet;
    }

    private static GridCell Header(string text) => GridCell.Of(text, CellStyle.Header);
    private static GridCell T(string? text) => GridCell.Of(text);
    private static GridCell W(string? text) => GridCell.Of(text, text is null ? CellStyle.Plain : CellStyle.Wrapped);
    private static GridCell I(int? value) => GridCell.Of(value, CellStyle.Integer);
    private static GridCell N(double? value) => GridCell.Of(value, CellStyle.Number);
    private static GridCell M(double? value) => GridCell.Of(value, CellStyle.Money);
    private static GridCell S(double? value) => GridCell.Of(value, CellStyle.Share);
}
