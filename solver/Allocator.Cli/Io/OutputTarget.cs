namespace Allocator.Cli.Io;

/// <summary>
/// Writes the command's output to stdout or to a file. A file is written to a temporary sibling first and
/// renamed into place, so an interrupted run never leaves a half-written result behind.
/// </summary>
internal static class OutputTarget
{
    public static void Write(string? path, Action<TextWriter> write)
    {
        if (path is null)
        {
            var stdout = new StreamWriter(StandardOutput.Open(), leaveOpen: true) { AutoFlush = false, NewLine = "\n" };
            write(stdout);
            stdout.Flush();
            return;
        }
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new StreamWriter(temporary) { NewLine = "\n" })
                write(file);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
