using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Allocator.Cli.Io;

/// <summary>
/// Keeps stdout for the result alone. Native solver code (HiGHS in particular) prints banners with C stdio to
/// file descriptor 1, out of .NET's control. At start-up the real stdout is duplicated for our own writes and
/// descriptor 1 is pointed at stderr for the rest of the process, so any native chatter lands there, including
/// text that C stdio flushes late.
/// </summary>
internal static partial class StandardOutput
{
    private static Stream? _stream;

    /// <summary>The process's real standard output, for result JSON and tables only.</summary>
    public static Stream Open()
    {
        if (_stream is not null) return _stream;
        if (OperatingSystem.IsWindows()) return _stream = Console.OpenStandardOutput();
        var saved = Dup(1);
        if (saved < 0 || Dup2(2, 1) < 0) return _stream = Console.OpenStandardOutput();
        return _stream = new FileStream(new SafeFileHandle(saved, ownsHandle: true), FileAccess.Write, bufferSize: 1);
    }

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);
}
