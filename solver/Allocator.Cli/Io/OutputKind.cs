namespace Allocator.Cli.Io;

/// <summary>How an output reaches its target (see <see cref="OutputTarget"/>).</summary>
internal enum OutputKind
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>A regular file, or a new one: written to a temporary file beside it and renamed over it.</summary>
    Replace,

    /// <summary>A character device (<c>/dev/null</c>, a terminal) or a FIFO: opened and written where it is.</summary>
    InPlace,
}
