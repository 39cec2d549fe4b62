using Allocator.Cli.Io;

namespace Allocator.Cli.Commands;

/// <summary>Turns failures inside a command into the documented exit codes and one-line messages.</summary>
internal static class Guard
{
    private static bool IsBrokenPipe(IOException e) =>
        e.HResult == Posix.EPIPE || e.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase);

    public static int Run(bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (IOException e) when (IsBrokenPipe(e))
        {
            // The reader went away (`allocator solve ... | head`): like any Unix filter, stop quietly.
            return ExitCodes.BrokenPipe;
        }
        catch (OperationCanceledException)
        {
            // SIGINT, SIGTERM or SIGHUP (Signals): the solve or the output stopped before anything was put in place.
            Console.Error.WriteLine("allocator: cancelled; nothing was written");
            return Signals.ExitCode;
        }
        catch (OutputException e)
        {
            Terminal.Error($"allocator: {e.Message}");
            return ExitCodes.InternalError;
        }
        catch (Exception e)
        {
            Terminal.Error($"allocator: internal error: {e.Message}{(verbose ? "" : " (run with --verbose for details)")}");
            if (verbose) Console.Error.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }
}
