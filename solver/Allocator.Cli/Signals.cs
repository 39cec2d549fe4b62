using System.Runtime.InteropServices;

namespace Allocator.Cli;

/// <summary>
/// SIGINT (Ctrl-C), SIGTERM and SIGHUP stop a command cleanly instead of killing the process: the first one
/// cancels <see cref="Token"/>, the solver stops, nothing is written (no output, no temporary file), and the
/// process exits by itself with "cancelled; nothing was written" and 128 + the signal's number (130, 143,
/// 129), the code shells report for a signal. The handlers are ours rather than System.CommandLine's, whose
/// grace period ends in the process being terminated with nothing said.
/// </summary>
internal static class Signals
{
    private static readonly CancellationTokenSource Source = new();
    private static int _exitCode = ExitCodes.Cancelled;
    private static int _signalled;
    private static readonly List<PosixSignalRegistration> Registrations = [];

    /// <summary>Cancelled by the first of the signals.</summary>
    public static CancellationToken Token => Source.Token;

    /// <summary>128 + the number of the signal that cancelled the command (130 when it was Ctrl-C).</summary>
    public static int ExitCode => Volatile.Read(ref _exitCode);

    public static void Register()
    {
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Cancel(context, ExitCodes.Cancelled)));
        if (OperatingSystem.IsWindows()) return;
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Cancel(context, ExitCodes.Terminated)));
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => Cancel(context, ExitCodes.HungUp)));
    }

    private static void Cancel(PosixSignalContext context, int exitCode)
    {
        context.Cancel = true; // do not let the runtime terminate the process: the command stops and says so
        if (Interlocked.CompareExchange(ref _signalled, 1, 0) != 0) return; // the first signal decides the exit code
        Volatile.Write(ref _exitCode, exitCode);
        // Off the signal thread: cancellation callbacks (the solver's interrupt) may take a moment.
        ThreadPool.QueueUserWorkItem(_ => Source.Cancel());
    }
}
