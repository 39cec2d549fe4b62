using System.Globalization;
using System.Text;
using Allocator.Models;

namespace Allocator.Report.Sections;

/// <summary>
/// The gain over a careful hand-made plan (<c>result.explanations.baseline</c>): a headline card ("25% more value than
/// a careful hand-made plan"), both plans' value and money committed as bars on one scale each, and the rule the
/// hand-made plan follows. Written under the summary's key figures; absent when the result has no explanations.
/// </summary>
internal static class BaselineSection
{
    /// <summary>True when the result has a baseline to compare with.</summary>
    public static bool IsPresent(PlanFacts facts) => facts.Result.Explanations?.Baseline is not null;

    public static void Render(StringBuilder html, PlanFacts facts)
    {
        if (!IsPresent(facts)) return;
        var baseline = facts.Result.Explanations!.Baseline;
        var s = facts.Result.Summary;
        var currency = Html.Escape(facts.Currency);

        html.Append("<section class=\"baseline\" aria-label=\"Compared with a careful hand-made plan\">\n");
        html.Append("<div class=\"card headline\"><div class=\"k\">Gain over planning by hand</div><div class=\"f\">")
            .Append(Headline(s.Value, baseline)).Append("</div><div class=\"d\">")
            .Append(Html.Escape($"Value {Num(s.Value)} against {Num(baseline.Value)}"));
        if (s.Committed > 0 && baseline.Committed > 0)
            html.Append(Html.Escape($"; per million {facts.Currency} committed {Num(s.Value / s.Committed * 1e6)} against {Num(baseline.Value / baseline.Committed * 1e6)}"));
        html.Append(".</div></div>\n");

        // Both plans on the same scale: value against the most possible, money against the money pledged.
        var valueScale = Math.Max(s.MaxValue, Math.Max(s.Value, baseline.Value));
        var moneyScale = Math.Max(s.Available, Math.Max(s.Committed, baseline.Committed));
        html.Append("<div class=\"compare\">\n");
        html.Append("<h3>Value delivered <small>of ").Append(Html.Escape(Num(s.MaxValue))).Append(" possible</small></h3>\n");
        Bar(html, "Optimised plan", s.Value, valueScale, "b-on", Html.Escape(Num(s.Value)));
        Bar(html, "Hand-made plan", baseline.Value, valueScale, "b-base", Html.Escape(Num(baseline.Value)));
        html.Append("<h3>Money committed <small>of ").Append(Html.Money(s.Available)).Append(' ').Append(currency).Append(" pledged</small></h3>\n");
        Bar(html, "Optimised plan", s.Committed, moneyScale, "b-committed", $"{Html.Money(s.Committed)} <small>{currency}</small>");
        Bar(html, "Hand-made plan", baseline.Committed, moneyScale, "b-base", $"{Html.Money(baseline.Committed)} <small>{currency}</small>");
        html.Append("</div>\n");

        var method = baseline.Method.Trim();
        if (method.Length > 0)
        {
            if (!method.EndsWith('.')) method += ".";
            html.Append("<p class=\"method\"><b>The hand-made plan:</b> ").Append(Html.Escape(method)).Append("</p>\n");
        }
        html.Append("</section>\n");
    }

    /// <summary>"25% more value", "The same value", "3% less value", or, when the hand-made plan delivers nothing, a sentence.</summary>
    private static string Headline(double value, BaselineComparison baseline)
    {
        if (baseline.GainPercent is { } gain && double.IsFinite(gain))
        {
            var size = Percent(Math.Abs(gain));
            if (size == "0") return "The same value <small>as a careful hand-made plan</small>";
            return gain > 0
                ? $"{size}% more value <small>than a careful hand-made plan</small>"
                : $"{size}% less value <small>than a careful hand-made plan</small>";
        }
        return value > 0
            ? "Value <small>where a careful hand-made plan delivers none</small>"
            : "No value <small>either way: the hand-made plan delivers none too</small>";
    }

    private static void Bar(StringBuilder html, string label, double amount, double scale, string css, string numberHtml)
    {
        var share = scale > 0 ? Math.Clamp(amount / scale, 0, 1) : 0;
        html.Append("<div class=\"cmp\"><span class=\"who\">").Append(Html.Escape(label)).Append("</span><span class=\"bar\">");
        if (share > 0) html.Append("<span class=\"").Append(css).Append("\" style=\"width:").Append(Html.N(share * 100)).Append("%\"></span>");
        html.Append("</span><span class=\"num\">").Append(numberHtml).Append("</span></div>\n");
    }

    /// <summary>A percentage without the sign: whole numbers from 10, one decimal below.</summary>
    private static string Percent(double x) => x.ToString(x >= 10 ? "#,0" : "0.#", CultureInfo.InvariantCulture);

    private static string Num(double x) => x.ToString(Math.Abs(x) >= 100 ? "#,0" : Math.Abs(x) >= 1 ? "#,0.##" : "0.####", CultureInfo.InvariantCulture);
}
