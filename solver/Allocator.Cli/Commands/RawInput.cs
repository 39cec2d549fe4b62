namespace Allocator.Cli.Commands;

/// <summary>The bytes of a file (or stdin, <c>-</c>) as they are: <c>convert</c> needs to see whether they are a workbook before anything reads them.</summary>
internal static class RawInput
{
    public static (byte[]? Bytes, string? Problem) Read(string path)
    {
        try
        {
            if (path == "-")
            {
                using var stdin = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                return (buffer.ToArray(), null);
            }
            if (Directory.Exists(path)) return (null, $"'{path}' is a directory (give a request file)");
            if (!File.Exists(path)) return (null, $"'{path}' does not exist (give the path of a request JSON or xlsx file, or - for stdin)");
            return (File.ReadAllBytes(path), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read '{path}': {e.Message}");
        }
    }
}
