namespace Allocator.Cli.Io;

/// <summary>
/// One output of a command, and THE rule for how every file the CLI writes is written (results, tables,
/// briefings, reports, generated requests; <see cref="SafeFileWriter"/> carries it out):
/// <list type="bullet">
/// <item>a regular file, or a path that does not exist yet, is replaced atomically: written to a temporary
/// file in the same folder, flushed to disk and renamed over it, so a reader sees the old file or the whole new
/// one, never part of it (the old file's permissions are kept);</item>
/// <item>a symbolic link is followed: the file it points to is replaced that way, with the temporary file in
/// that file's own folder, and a link to a missing file creates the file it names; the link stays a link;</item>
/// <item>a character device (<c>/dev/null</c>, a terminal) or a FIFO (a named pipe, <c>&gt;(gzip &gt; x.gz)</c>)
/// is opened and written in place: renaming a file over it would replace the device or the pipe;</item>
/// <item>a folder, a block device (a disk) or a socket is refused, as is a path whose folder does not exist
/// or cannot be written: exit 2, naming the path as given, before any work is done.</item>
/// </list>
/// </summary>
internal sealed class OutputTarget
{
    private OutputTarget(string option, string? given, OutputKind kind, string? path, string? identity)
    {
        Option = option;
        Given = given;
        Kind = kind;
        Path = path;
        Identity = identity;
    }

    /// <summary>The option that named it, as users type it (<c>-o</c>, <c>--report</c>).</summary>
    public string Option { get; }

    /// <summary>The path as given, for messages; null for stdout.</summary>
    public string? Given { get; }

    public OutputKind Kind { get; }

    /// <summary>Where the bytes go: the file to replace (links resolved) or the device or FIFO to open.</summary>
    public string? Path { get; }

    /// <summary>The file's real path (every link resolved), to tell when two paths name one file.</summary>
    public string? Identity { get; }

    /// <summary>What the option names, for messages: <c>-o 'out.json'</c>.</summary>
    public string Describe() => Given is null ? "standard output" : $"{Option} '{Given}'";

    public static OutputTarget Stdout(string option) => new(option, null, OutputKind.Stdout, null, null);

    /// <summary>Decides how <paramref name="given"/> is written, or says in one sentence why it cannot be.</summary>
    public static (OutputTarget? Target, string? Problem) Resolve(string option, string given)
    {
        var named = $"{option} '{given}'";
        if (given.Length == 0) return (null, $"{option} needs a file path");
        string full;
        try
        {
            full = System.IO.Path.GetFullPath(given);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return (null, $"{named} is not a usable path: {e.Message}");
        }
        if (!Posix.IsUnix) return ResolveAsFile(option, given, full, named);

        switch (Posix.FileType(full))
        {
            case Posix.S_IFDIR:
                return (null, $"{named} is a folder (give a file path)");
            case Posix.S_IFBLK:
                return (null, $"{named} is a block device (a disk); allocator does not write onto disks (give a file path)");
            case Posix.S_IFSOCK:
                return (null, $"{named} is a socket, which cannot be opened as a file (give a file path)");
            case Posix.S_IFCHR when SafeFileWriter.ProbeDevice(full) is { } why:
                return (null, $"cannot write {named}: {why}");
            case Posix.S_IFCHR or Posix.S_IFIFO:
                // (A FIFO is not opened to check it: opening waits for its reader.)
                // Opened through the path as given: the kernel follows the links (even /dev/stdout's).
                return (new OutputTarget(option, given, OutputKind.InPlace, full, Posix.RealPath(full) ?? full), null);
            case Posix.S_IFREG:
                var real = Posix.RealPath(full) ?? full;
                return ResolveAsFile(option, given, real, named);
            default:
                // Missing: a new file, where the (possibly dangling) link points.
                var target = FinalLinkTarget(full);
                if (target is null) return (null, $"{named} cannot be followed: too many levels of symbolic links");
                return ResolveAsFile(option, given, target, named);
        }
    }

    /// <summary>Where a chain of symbolic links ends (the path itself when it is no link), or null for a loop.</summary>
    private static string? FinalLinkTarget(string path)
    {
        for (var hops = 0; hops < 40; hops++)
        {
            if (new FileInfo(path).LinkTarget is not { } link) return path;
            path = System.IO.Path.GetFullPath(link, System.IO.Path.GetDirectoryName(path)!);
        }
        return null;
    }

    private static (OutputTarget? Target, string? Problem) ResolveAsFile(string option, string given, string file, string named)
    {
        if (Directory.Exists(file)) return (null, $"{named} is a folder (give a file path)");
        var folder = System.IO.Path.GetDirectoryName(file);
        if (folder is null) return (null, $"{named} is not a file path");
        if (!Directory.Exists(folder)) return (null, $"the folder of {named} does not exist ({folder}; create it first)");
        if (SafeFileWriter.ProbeFolder(folder) is { } why) return (null, $"cannot write {named}: {why}");
        var realFolder = Posix.IsUnix ? Posix.RealPath(folder) ?? folder : folder;
        var identity = System.IO.Path.Combine(realFolder, System.IO.Path.GetFileName(file));
        return (new OutputTarget(option, given, OutputKind.Replace, file, identity), null);
    }
}
