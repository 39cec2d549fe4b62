using System.Globalization;
using System.Reflection;
using Allocator.Solver.Limits;

namespace Allocator.Cli.Io;

/// <summary>
/// Where a request (or result) comes from: a file, standard input (<c>-</c>), or the bundled 2024 example.
/// Reading stops at the size cap: a file larger than the cap is refused without being read, and standard input
/// (or a pipe) is read only up to one byte past it, so 2 GB on stdin costs no more memory than the cap.
/// </summary>
internal static class RequestSource
{
    public const string BundledName = "ukraine-2024.json";

    /// <summary>Cap on a result document read by explain and report: a bound chosen to stop an endless or mistaken input, not a measured size.</summary>
    public const long MaxResultBytes = 1L << 30;

    private const int Chunk = 1 << 16;

    /// <summary>Reads the bytes (at most <paramref name="cap"/>), or explains in one sentence why they cannot be read.</summary>
    /// <param name="raise">How to accept a larger input, for the message (for example "raise the limit with --max-request-bytes").</param>
    public static (ReadOnlyMemory<byte>? Bytes, string? Problem) Read(string? path, long? cap = null, string? raise = null, string what = "request")
    {
        var (bytes, problem) = ReadBytes(path, cap, raise, what);
        // A planner's workbook (an xlsx file is a zip) becomes request JSON here; its errors name their cells.
        if (what == "request" && bytes is { } read && Workbook.RequestWorkbook.IsWorkbook(read.Span))
        {
            var (json, workbookProblem) = Workbook.CliWorkbookInput.Read(read.ToArray(), j => Solver.AllocationEngine.Read(j).Errors);
            // Not `json ?? null`: a null array converts to an empty ReadOnlyMemory, not to a null one.
            return json is null ? (null, workbookProblem) : (json, null);
        }
        return (bytes, problem);
    }

    private static (ReadOnlyMemory<byte>? Bytes, string? Problem) ReadBytes(string? path, long? cap, string? raise, string what)
    {
        var limit = Math.Min(cap ?? ModelLimits.DefaultMaxRequestBytes, Array.MaxLength - 1);
        try
        {
            if (path is null) return (Bundled(), null);
            if (path == "-")
            {
                using var stdin = Console.OpenStandardInput();
                return ReadCapped(stdin, limit, knownLength: null, raise, what);
            }
            if (Directory.Exists(path)) return (null, $"'{path}' is a directory (give a {what} file)");
            if (!File.Exists(path)) return (null, $"'{path}' does not exist (give the path of a {what} JSON file, or - for stdin)");
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            long? length = file.CanSeek ? file.Length : null; // a FIFO or /dev/stdin has no length: read to the cap
            if (length > limit) return (null, TooLarge($"is {N(length.Value)} bytes, more than", limit, raise, what));
            return ReadCapped(file, limit, length, raise, what);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read '{path}': {e.Message}");
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end or to one byte past <paramref name="limit"/>, whichever comes first.</summary>
    internal static (ReadOnlyMemory<byte>? Bytes, string? Problem) ReadCapped(Stream stream, long limit, long? knownLength, string? raise, string what)
    {
        var buffer = new byte[(int)Math.Min(limit + 1, Math.Max(knownLength + 1 ?? Chunk, 1))];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit) return (null, TooLarge("is larger than", limit, raise, what));
                Array.Resize(ref buffer, (int)Math.Min(limit + 1, (long)buffer.Length * 2));
            }
            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0) return (buffer.AsMemory(0, length), null);
            length += read;
        }
    }

    private static string TooLarge(string size, long limit, string? raise, string what) =>
        $"the {what} {size} the limit of {N(limit)} bytes" + (what == "request" ? $" (split it into smaller requests{(raise is null ? "" : $", or {raise}")})" : "");

    private static string N(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static byte[] Bundled()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(BundledName)
            ?? throw new InvalidOperationException("the bundled example is missing from this build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
