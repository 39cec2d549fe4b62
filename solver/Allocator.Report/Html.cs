using System.Globalization;
using System.Text;

namespace Allocator.Report;

/// <summary>
/// Escaping and number formatting for the report. Every string that comes from a request or result (ids, names,
/// categories, messages) goes through <see cref="Escape"/> before it reaches the HTML, in text and in attributes.
/// </summary>
internal static class Html
{
    /// <summary>Text safe in element content and in double- or single-quoted attribute values.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = (StringBuilder?)null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                // Control characters other than tab and newline are not allowed in HTML text; drop them.
                _ when c < ' ' && c != '\t' && c != '\n' => "",
                _ => null,
            };
            if (replacement is null)
            {
                builder?.Append(c);
                continue;
            }
            builder ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            builder.Append(replacement);
        }
        return builder?.ToString() ?? text;
    }

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, Math.Max(1, max - 1)).TrimEnd(), "…");

    /// <summary>A coordinate for SVG: at most two decimals, invariant culture, no "-0".</summary>
    public static string N(double x)
    {
        var rounded = Math.Round(x, 2);
        if (rounded == 0) return "0";
        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A count of units: whole numbers with thousands separators, two decimals below 100.</summary>
    public static string Units(double x) =>
        x.ToString(Math.Abs(x) >= 100 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    /// <summary>Money, compact: <c>1.14bn</c>, <c>44.8M</c>, <c>335M</c>, <c>12.5k</c>, <c>900</c>.</summary>
    public static string Money(double x)
    {
        var a = Math.Abs(x);
        string Format(double v, string unit) =>
            v.ToString(Math.Abs(v) >= 100 ? "#,0" : Math.Abs(v) >= 10 ? "#,0.#" : "#,0.##", CultureInfo.InvariantCulture) + unit;
        return a switch
        {
            >= 1e9 => Format(x / 1e9, "bn"),
            >= 1e6 => Format(x / 1e6, "M"),
            >= 1e3 => Format(x / 1e3, "k"),
            _ => x.ToString("#,0", CultureInfo.InvariantCulture),
        };
    }

    /// <summary><paramref name="part"/> of <paramref name="whole"/> as a percentage, or "–" when the whole is 0.</summary>
    public static string Percent(double part, double whole)
    {
        if (whole <= 0) return "–";
        var share = part / whole;
        // Never show 100% for something that is not complete, nor 0% for something that is not empty.
        var text = share.ToString("0%", CultureInfo.InvariantCulture);
        if (text == "100%" && part < whole * (1 - 1e-9)) return ">99%";
        if (text == "0%" && part > 0) return "<1%";
        return text;
    }

    /// <summary>An integer, invariant culture.</summary>
    public static string I(int x) => x.ToString(CultureInfo.InvariantCulture);
}
