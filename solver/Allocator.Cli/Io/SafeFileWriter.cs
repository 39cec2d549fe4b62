using System.Security.Cryptography;

namespace Allocator.Cli.Io;

/// <summary>
/// Writes a command's outputs by the rule of <see cref="OutputTarget"/>, all or nothing with respect to
/// cancellation: every file is first written in full to its temporary file and every device or FIFO is opened
/// (a FIFO waits here for its reader); only then, if no signal has cancelled the command, are the files renamed
/// into place and the bytes written to devices, FIFOs and stdout. A signal before that point leaves nothing:
/// temporary files are deleted. Reusable by any command (<see cref="WriteFile"/> writes one file).
/// </summary>
internal static class SafeFileWriter
{
    /// <summary>Writes each content to its target; see the class summary for the order.</summary>
    /// <exception cref="OperationCanceledException">A signal came before anything was put in place; nothing was written.</exception>
    /// <exception cref="OutputException">A file could not be written; the message names it.</exception>
    public static void WriteAll(IReadOnlyList<(OutputTarget Target, byte[] Content)> outputs, CancellationToken cancellationToken)
    {
        var temporaries = new string?[outputs.Count];
        var opened = new FileStream?[outputs.Count];
        try
        {
            for (var i = 0; i < outputs.Count; i++)
            {
                var (target, content) = outputs[i];
                if (target.Kind == OutputKind.Replace) temporaries[i] = WriteTemporary(target, content);
            }
            for (var i = 0; i < outputs.Count; i++)
                if (outputs[i].Target.Kind == OutputKind.InPlace) opened[i] = OpenInPlace(outputs[i].Target, cancellationToken);

            // The last moment a signal stops the command: after this line every output is put in place.
            cancellationToken.ThrowIfCancellationRequested();

            for (var i = 0; i < outputs.Count; i++)
            {
                var (target, content) = outputs[i];
                switch (target.Kind)
                {
                    case OutputKind.Stdout:
                        StandardOutput.Write(content);
                        break;
                    case OutputKind.InPlace:
                        Attempt(target, () =>
                        {
                            opened[i]!.Write(content);
                            opened[i]!.Flush();
                        });
                        break;
                    case OutputKind.Replace:
                        Attempt(target, () => File.Move(temporaries[i]!, target.Path!, overwrite: true));
                        temporaries[i] = null;
                        break;
                }
            }
        }
        finally
        {
            foreach (var stream in opened)
                try { stream?.Dispose(); } catch (IOException) { /* a reader that went away: nothing more to say */ }
            foreach (var temporary in temporaries)
                if (temporary is not null) TryDelete(temporary);
        }
    }

    /// <summary>Writes one file by the rule (for commands that write files of their own, such as a sweep's).</summary>
    /// <exception cref="OutputException">The path is refused (a folder, a disk...) or cannot be written.</exception>
    public static void WriteFile(string option, string path, byte[] content, CancellationToken cancellationToken)
    {
        var (target, problem) = OutputTarget.Resolve(option, path);
        if (target is null) throw new OutputException(problem!);
        WriteAll([(target, content)], cancellationToken);
    }

    /// <summary>Why a temporary file cannot be created in <paramref name="folder"/>, or null when it can.</summary>
    public static string? ProbeFolder(string folder)
    {
        try
        {
            var probe = CreateTemporary(folder, "allocator-probe", out var path);
            probe.Dispose();
            TryDelete(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                UnauthorizedAccessException => "permission denied",
                FileNotFoundException or DirectoryNotFoundException => "the file system there takes no new files",
                _ => e.Message,
            };
            return $"files cannot be created in {folder} ({why})";
        }
    }

    /// <summary>Why the device at <paramref name="path"/> cannot be opened for writing, or null when it can.</summary>
    public static string? ProbeDevice(string path)
    {
        try
        {
            using var _ = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private static string WriteTemporary(OutputTarget target, byte[] content)
    {
        var folder = Path.GetDirectoryName(target.Path!)!;
        string path = "";
        Attempt(target, () =>
        {
            using var file = CreateTemporary(folder, Path.GetFileName(target.Path!), out path);
            try
            {
                file.Write(content);
                file.Flush(flushToDisk: true); // the rename must not publish a file whose bytes are still in memory
            }
            catch
            {
                file.Dispose();
                TryDelete(path);
                throw;
            }
        });
        if (!OperatingSystem.IsWindows() && File.Exists(target.Path!))
            try { File.SetUnixFileMode(path, File.GetUnixFileMode(target.Path!)); } // keep the replaced file's permissions
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the new file keeps the default mode */ }
        return path;
    }

    /// <summary>A new file <c>.NAME.PID.tmp</c> in <paramref name="folder"/>; created exclusively, so a file or link already there is never followed or truncated.</summary>
    private static FileStream CreateTemporary(string folder, string name, out string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var suffix = attempt == 0 ? "" : "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            path = Path.Combine(folder, $".{name}.{Environment.ProcessId}{suffix}.tmp");
            try
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            }
            catch (IOException) when (attempt < 5 && Path.Exists(path))
            {
                // left by an earlier process with this id: pick another name
            }
        }
    }

    /// <summary>Opens a device or FIFO; a FIFO waits for its reader, and a signal ends the wait.</summary>
    private static FileStream OpenInPlace(OutputTarget target, CancellationToken cancellationToken)
    {
        var open = Task.Run(() => new FileStream(target.Path!, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0));
        try
        {
            open.Wait(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The opener may still succeed later (a reader arrives): close what it opens.
            open.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
            throw;
        }
        catch (AggregateException e) when (e.InnerException is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"cannot write {target.Describe()}: {e.InnerException.Message}");
        }
        return open.Result;
    }

    private static void Attempt(OutputTarget target, Action action)
    {
        try
        {
            action();
        }
        catch (IOException e) when (e.HResult == Posix.EPIPE || e.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase))
        {
            throw; // a reader that went away is reported as such (exit 141)
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"cannot write {target.Describe()}: {e.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* nothing better to do */ }
    }
}
