using System.Globalization;
using System.Text;

namespace Allocator.Cli.Io;

/// <summary>
/// Text from a request or a result (ids, names, reasons that quote them) is shown with its control characters
/// escaped, so a partner's request cannot send escape sequences to a planner's terminal, move the cursor,
/// rewrite a line with a carriage return, fake a line with a newline, or reorder text with Unicode
/// bidirectional controls. Escapes read <c>\x1B</c>, <c>\n</c>, <c>\u202E</c>; other text, backslashes
/// included, is shown as it is.
/// </summary>
internal static class Terminal
{
    /// <summary><paramref name="text"/> with every control character escaped, newlines included: for one item of data.</summary>
    public static string Escape(string? text) => EscapeCore(text ?? "", keepNewlines: false);

    /// <summary>Rendered text (a table, a briefing) with control characters escaped but its own line breaks kept.</summary>
    public static string EscapeKeepingLines(string text) => EscapeCore(text, keepNewlines: true);

    /// <summary>One line on stderr, escaped: messages quote ids and names from the input.</summary>
    public static void Error(string line) => Console.Error.WriteLine(Escape(line));

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) // C0, DEL and C1 (0x9B is an 8-bit CSI to some terminals)
        || c is '\u2028' or '\u2029' // line and paragraph separators
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'); // bidi controls

    private static string EscapeCore(string text, bool keepNewlines)
    {
        var first = text.AsSpan().IndexOfAnyExcept(SafeSearch);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text.AsSpan(0, first));
        foreach (var c in text.AsSpan(first))
        {
            if (!NeedsEscape(c) || (keepNewlines && c == '\n')) builder.Append(c);
            else builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < '\u0100' => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }
        return builder.ToString();
    }

    /// <summary>Printable ASCII: the common case, checked fast.</summary>
    private static readonly System.Buffers.SearchValues<char> SafeSearch =
        System.Buffers.SearchValues.Create(Enumerable.Range(0x20, 0x7F - 0x20).Select(i => (char)i).ToArray());
}
