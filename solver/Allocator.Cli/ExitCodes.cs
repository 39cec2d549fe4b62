namespace Allocator.Cli;

/// <summary>The command's exit codes, which scripts rely on.</summary>
internal static class ExitCodes
{
    /// <summary>A plan was produced (or the request is valid).</summary>
    public const int Ok = 0;

    /// <summary>Something inside Allocator failed, or an output could not be written; the message says what.</summary>
    public const int InternalError = 1;

    /// <summary>The input is invalid, or an output path is refused (it is the input, another output, a folder...): every problem is on stderr (or as a document with --errors-json).</summary>
    public const int InvalidInput = 2;

    /// <summary>stdout was closed by its reader (128 + SIGPIPE, as shells report it).</summary>
    public const int BrokenPipe = 141;

    /// <summary>Interrupted by Ctrl-C (SIGINT): 128 + 2.</summary>
    public const int Cancelled = 130;

    /// <summary>Stopped by SIGTERM (a service manager, <c>kill</c>, a CI timeout): 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>Stopped by SIGHUP (the terminal went away): 128 + 1.</summary>
    public const int HungUp = 129;
}
