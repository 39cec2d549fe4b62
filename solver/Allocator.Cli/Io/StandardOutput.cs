using System.Runtime.InteropServices;

namespace Allocator.Cli.Io;

/// <summary>
/// The process's standard output, for results, tables and error documents only.
/// <para>
/// Bytes go out with <c>write(2)</c> on descriptor 1 itself, so they land at the offset the descriptor shares
/// with the shell and every other process writing to the same file: <c>{ echo A; allocator validate x.json;
/// allocator solve y.json; } &gt; log.txt</c> keeps every line, in order. (A <c>FileStream</c> on the
/// descriptor would write with <c>pwrite</c> at a position of its own and overwrite what others wrote.)
/// </para>
/// <para>
/// Native solver code (HiGHS, CLP, OR-Tools) could print with C stdio to descriptor 1. The backends are told to
/// stay quiet, and <see cref="KeepNativeOutputOff"/> points descriptor 1 at stderr while the solver runs, then
/// flushes C stdio and points it back: whatever native text there is goes to stderr, never into the result.
/// </para>
/// </summary>
internal static class StandardOutput
{
    private static readonly Lock Gate = new();

    /// <summary>Writes all of <paramref name="bytes"/> to stdout; a reader that went away is an <see cref="IOException"/> "Broken pipe".</summary>
    public static void Write(ReadOnlySpan<byte> bytes)
    {
        if (!Posix.IsUnix)
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(bytes);
            return;
        }
        lock (Gate) WriteAll(1, bytes);
    }

    /// <summary>Text as the CLI writes it: UTF-8 without a byte-order mark.</summary>
    public static void Write(string text) => Write(Utf8.GetBytes(text));

    public static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Until disposed, native code that writes to descriptor 1 writes to stderr instead.</summary>
    public static IDisposable KeepNativeOutputOff()
    {
        if (!Posix.IsUnix) return new Restore(-1);
        lock (Gate)
        {
            Posix.FlushAllCStreams(0);
            var saved = Posix.Dup(1);
            if (saved < 0) return new Restore(-1);
            if (Posix.Dup2(2, 1) < 0)
            {
                Posix.Close(saved);
                return new Restore(-1);
            }
            return new Restore(saved);
        }
    }

    private sealed class Restore(int saved) : IDisposable
    {
        private int _saved = saved;

        public void Dispose()
        {
            var saved = Interlocked.Exchange(ref _saved, -1);
            if (saved < 0) return;
            lock (Gate)
            {
                Posix.FlushAllCStreams(0); // text C stdio still holds goes to stderr, where descriptor 1 points now
                Posix.Dup2(saved, 1);
                Posix.Close(saved);
            }
        }
    }

    private static unsafe void WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            var done = 0;
            while (done < bytes.Length)
            {
                var n = Posix.Write(fd, start + done, (nuint)(bytes.Length - done));
                if (n >= 0)
                {
                    done += (int)n;
                    continue;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Posix.EINTR) continue;
                if (errno == Posix.EAGAIN)
                {
                    Thread.Sleep(1); // stdout was left non-blocking by whoever set it up: wait for room
                    continue;
                }
                throw new IOException(errno == Posix.EPIPE ? "Broken pipe" : $"cannot write to standard output: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
            }
        }
    }
}
