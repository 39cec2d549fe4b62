using System.Text;

namespace Allocator.Report.Charts;

/// <summary>
/// Per donor, per period: the money the donor could still commit at the start of the period (light bar: the
/// unspent rest of its open tranches) and the money committed in that period (dark bar).
/// </summary>
internal static class DonorChart
{
    public const int MaxRows = 120;
    private const double Height = 34;
    private const double Pad = 3;

    public static void Render(StringBuilder html, PlanFacts f)
    {
        var donors = f.Request.Donors;
        var p = f.Periods.Count;
        var currency = f.Currency;
        var shown = Enumerable.Range(0, donors.Count).ToList();
        if (shown.Count > MaxRows)
        {
            shown = shown.OrderByDescending(d => f.DonorAvailable[d]).ThenBy(d => d).Take(MaxRows).Order().ToList();
            var hidden = Enumerable.Range(0, donors.Count).Except(shown).ToList();
            html.Append("<p class=\"note\">").Append(Html.Escape(
                $"{donors.Count} donors: the {MaxRows} with the largest pledges are drawn; the other {hidden.Count} commit " +
                $"{Html.Money(hidden.Sum(d => f.DonorCommitted[d]))} of {Html.Money(hidden.Sum(d => f.DonorAvailable[d]))} {currency}.")).Append("</p>\n");
        }
        html.Append("<p class=\"legend\"><span class=\"sw avail\"></span>could still be committed at the start of the period " +
                    "<span class=\"sw committed\"></span>committed in the period</p>\n");
        RowChart.Begin(html, "donors", f.Periods, "Donor", $"Committed of pledged ({currency})");
        var cw = RowChart.ColumnWidth(p);
        var w = Math.Max(1, cw * 0.78);
        foreach (var d in shown)
        {
            var donor = donors[d];
            var max = Math.Max(f.DonorBalanceByPeriod[d].Max(), f.DonorCommittedByPeriod[d].Max());
            double H(double money) => max > 0 ? money / max * (Height - 2 * Pad) : 0;
            var name = $"<b>{Html.Escape(f.DonorName(d))}</b><small>{Html.Escape(donor.Id)} · {Html.I(donor.Tranches.Count)} tranche{(donor.Tranches.Count == 1 ? "" : "s")}</small>";
            RowChart.BeginRow(html, name, Height, "donor", donor.Id);
            RowChart.Grid(html, p, Height);
            for (var t = 0; t < p; t++)
            {
                var balance = f.DonorBalanceByPeriod[d][t];
                var committed = f.DonorCommittedByPeriod[d][t];
                var x = t * cw + (cw - w) / 2;
                if (balance > 0)
                    html.Append($"<rect class=\"avail\" x=\"{Html.N(x)}\" y=\"{Html.N(Height - Pad - H(balance))}\" width=\"{Html.N(w)}\" height=\"{Html.N(H(balance))}\"/>");
                if (committed > 0)
                {
                    var h = Math.Max(1.5, H(committed));
                    html.Append($"<rect class=\"committed\" x=\"{Html.N(x + w * 0.2)}\" y=\"{Html.N(Height - Pad - h)}\" width=\"{Html.N(w * 0.6)}\" height=\"{Html.N(h)}\"/>");
                }
                RowChart.Tip(html, t, p, Height,
                    $"{f.Periods[t]}: {Html.Money(committed)} committed of {Html.Money(balance)} {currency} that could be");
            }
            html.Append($"<line class=\"base\" x1=\"0\" x2=\"{Html.N(RowChart.Width)}\" y1=\"{Html.N(Height - Pad)}\" y2=\"{Html.N(Height - Pad)}\"/>");
            var available = f.DonorAvailable[d];
            var used = f.DonorCommitted[d];
            var left = Math.Max(0, available - used);
            var numbers = new StringBuilder(RowChart.Bar(
                (used / available, "b-committed", $"committed: {Html.Money(used)} {currency}"),
                (left / available, "b-left", $"not committed: {Html.Money(left)} {currency}")));
            numbers.Append($"<small>{Html.Money(used)} of {Html.Money(available)} ({Html.Percent(used, available)})");
            if (left > 1e-6 * available) numbers.Append($" · <span class=\"miss\">{Html.Money(left)} not committed</span>");
            numbers.Append("</small>");
            RowChart.EndRow(html, numbers.ToString());
        }
        RowChart.End(html);
    }
}
