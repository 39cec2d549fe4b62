namespace Allocator.Workbook;

/// <summary>Writes a workbook file whole or not at all: to a temporary sibling first, then renamed into place.</summary>
public static class WorkbookFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>True when <paramref name="path"/> names a workbook by its extension.</summary>
    public static bool IsWorkbookPath(string? path) => path?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true;
}
