namespace Allocator.Cli;

/// <summary>The command's exit codes, which scripts rely on.</summary>
internal static class ExitCodes
{
    /// <summary>A plan was produced (or the request is valid).</summary>
    public const int Ok = 0;

    /// <summary>Something inside Allocator failed; the message says what.</summary>
    public const int InternalError = 1;

    /// <summary>The input is invalid: every problem is on stderr (or as a document with --errors-json).</summary>
    public const int InvalidInput = 2;

    /// <summary>stdout was closed by its reader (128 + SIGPIPE, as shells report it).</summary>
    public const int BrokenPipe = 141;

    /// <summary>Interrupted by Ctrl-C.</summary>
    public const int Cancelled = 130;
}
