using Allocator.Cli.Io;
using Allocator.Models;
using Allocator.Workbook;

namespace Allocator.Cli.Commands;

/// <summary>The plan as a workbook, to a file (atomically) or to stdout when it is not a terminal.</summary>
internal static class SolvedWorkbook
{
    /// <summary>False, after saying why, when there is nowhere sensible to write it.</summary>
    public static bool Write(string? path, AllocationRequest request, AllocationResult result)
    {
        if (path is null && !Console.IsOutputRedirected)
        {
            ErrorReport.Refused("a workbook is not for the terminal: give -o plan.xlsx (or redirect stdout to a file)");
            return false;
        }
        var bytes = ResultWorkbook.Write(request, result);
        if (path is not null)
            WorkbookFile.WriteAtomically(path, bytes);
        else
            StandardOutput.Open().Write(bytes);
        return true;
    }
}
