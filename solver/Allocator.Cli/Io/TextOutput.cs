namespace Allocator.Cli.Io;

/// <summary>Renders a command's output to bytes before anything is written, so a signal can still stop the command cleanly.</summary>
internal static class TextOutput
{
    /// <summary>
    /// The text <paramref name="write"/> produces, as UTF-8 with <c>\n</c> line ends. Text meant for a terminal
    /// (tables, briefings) has its control characters escaped as a last line of defence (<see cref="Terminal"/>);
    /// JSON and HTML escape their own.
    /// </summary>
    public static byte[] Render(Action<TextWriter> write, bool forTerminal)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(writer);
        var text = writer.ToString();
        return StandardOutput.Utf8.GetBytes(forTerminal ? Terminal.EscapeKeepingLines(text) : text);
    }
}
