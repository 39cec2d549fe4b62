using System.Reflection;

namespace Allocator.Cli.Io;

/// <summary>Where a request comes from: a file, standard input (<c>-</c>), or the bundled 2024 example.</summary>
internal static class RequestSource
{
    public const string BundledName = "ukraine-2024.json";

    /// <summary>Reads the request bytes, or explains in one sentence why they cannot be read.</summary>
    public static (byte[]? Bytes, string? Problem) Read(string? path)
    {
        // A planner's workbook (an xlsx file is a zip) becomes request JSON here; its errors name their cells.
        var (bytes, problem) = ReadBytes(path);
        return bytes is not null && Workbook.RequestWorkbook.IsWorkbook(bytes)
            ? Workbook.CliWorkbookInput.Read(bytes, json => Solver.AllocationEngine.Read(json).Errors)
            : (bytes, problem);
    }

    private static (byte[]? Bytes, string? Problem) ReadBytes(string? path)
    {
        try
        {
            if (path is null) return (Bundled(), null);
            if (path == "-")
            {
                using var stdin = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                return (buffer.ToArray(), null);
            }
            if (Directory.Exists(path)) return (null, $"'{path}' is a directory (give a request file)");
            if (!File.Exists(path)) return (null, $"'{path}' does not exist (give the path of a request JSON file, or - for stdin)");
            return (File.ReadAllBytes(path), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read '{path}': {e.Message}");
        }
    }

    private static byte[] Bundled()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(BundledName)
            ?? throw new InvalidOperationException("the bundled example is missing from this build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
