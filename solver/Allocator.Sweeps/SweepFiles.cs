namespace Allocator.Sweeps;

/// <summary>
/// How sweeps write files: to a temporary sibling that is flushed to disk and then renamed into place, so a worker
/// killed at any moment (SIGKILL, an evicted pod) leaves either the whole file or none, and a result file that
/// exists always counts as done. Temporary names start with a dot and carry the host and process id, so workers
/// sharing a volume never write the same temporary file and readers skip them.
/// </summary>
public static class SweepFiles
{
    /// <summary>The file name of a scenario's result in the output folder.</summary>
    public static string ResultName(string scenarioId) => $"{scenarioId}.json";

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> atomically, by the CLI's rule for every file it writes
    /// (docs/reliability.md): a regular file (or a new one) is replaced, and a symbolic link is followed, the file it
    /// points to being replaced in its own folder. (Devices and FIFOs are not told apart from files here: the files a
    /// sweep writes are its own, named by scenario id, in a folder it owns.)
    /// </summary>
    /// <exception cref="SweepFolderException">The path is a folder.</exception>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        // Follow links to the file they name (a dangling link names the file to create).
        if (new FileInfo(full).LinkTarget is { } target)
            full = Path.GetFullPath(File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? Path.Combine(Path.GetDirectoryName(full)!, target));
        if (Directory.Exists(full))
            throw new SweepFolderException($"{path}: is a folder; a sweep writes only regular files");
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.MachineName}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true); // the rename must never publish a file whose bytes are still in memory only
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Whether <paramref name="name"/> is a temporary file of an unfinished (or killed) write.</summary>
    public static bool IsTemporary(string name) => name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);
}
