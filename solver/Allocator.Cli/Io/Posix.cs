using System.Runtime.InteropServices;

namespace Allocator.Cli.Io;

/// <summary>
/// The few C library calls the CLI needs that .NET does not expose: writing at a descriptor's shared offset,
/// moving descriptor 1 aside while native solver code runs, the kind of a file, and a path with every link
/// resolved. Linux (and other Unix) only; callers check <see cref="IsUnix"/> first.
/// </summary>
internal static unsafe partial class Posix
{
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EPIPE = 32;

    public static bool IsUnix => !OperatingSystem.IsWindows();

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    public static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary><c>fflush(NULL)</c>: pushes out whatever C stdio still buffers, from any native library.</summary>
    [LibraryImport("libc", EntryPoint = "fflush")]
    public static partial int FlushAllCStreams(nint stream);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    /// <summary>The path with every symbolic link and <c>..</c> resolved, or null when it does not exist (or is not a real file, like <c>pipe:[…]</c>).</summary>
    public static string? RealPath(string path)
    {
        var resolved = RealPathNative(path, 0);
        if (resolved == 0) return null;
        try { return Marshal.PtrToStringUTF8(resolved); }
        finally { Free(resolved); }
    }

    /// <summary>The <c>S_IFMT</c> bits of the file at <paramref name="path"/> (links followed), or null when it does not exist.</summary>
    public static int? FileType(string path)
    {
        // struct statx has one layout on every Linux architecture (unlike struct stat): stx_mode is the
        // 16-bit field at offset 28 of 256 bytes.
        const int AtFdCwd = -100, StatxType = 1, ModeOffset = 28;
        var buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return null;
        return *(ushort*)(buffer + ModeOffset) & 0xF000;
    }

    public const int S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFBLK = 0x6000, S_IFREG = 0x8000, S_IFSOCK = 0xC000;
}
