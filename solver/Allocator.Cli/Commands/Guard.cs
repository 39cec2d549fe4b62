namespace Allocator.Cli.Commands;

/// <summary>Turns failures inside a command into the documented exit codes and one-line messages.</summary>
internal static class Guard
{
    public static int Run(bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("allocator: cancelled; nothing was written");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"allocator: internal error: {e.Message}{(verbose ? "" : " (run with --verbose for details)")}");
            if (verbose) Console.Error.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }
}
