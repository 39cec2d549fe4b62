namespace Allocator.Cli.Io;

/// <summary>A request's CSV folder on disk (one file per sheet): each file written by <see cref="SafeFileWriter"/>, all of them read.</summary>
internal static class CsvFolder
{
    /// <summary>True when <paramref name="path"/> asks for a folder: it ends in a separator or is an existing folder.</summary>
    public static bool IsFolder(string path) =>
        path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(path);

    /// <summary>Creates the folder if needed and writes each file atomically (a file of the same name is replaced; others are left alone).</summary>
    /// <exception cref="OutputException">The folder cannot be created or a file cannot be written.</exception>
    public static void Write(string folder, IReadOnlyList<(string FileName, byte[] Content)> files)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"-o '{folder}': cannot create the folder ({e.Message})");
        }
        if (SafeFileWriter.ProbeFolder(folder) is { } problem) throw new OutputException($"-o '{folder}': {problem}");
        foreach (var (name, content) in files)
            SafeFileWriter.WriteFile("-o", Path.Combine(folder, name), content, CancellationToken.None);
    }

    /// <summary>Every <c>.csv</c> file of the folder by name, or why they cannot be read.</summary>
    public static (IReadOnlyDictionary<string, byte[]>? Files, string? Problem) Read(string folder)
    {
        try
        {
            var files = Directory.GetFiles(folder, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
            return files.Count == 0 ? (null, $"'{folder}' holds no .csv files (write one with allocator convert REQUEST.json -o {folder.TrimEnd('/')}/)") : (files, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read '{folder}': {e.Message}");
        }
    }
}
