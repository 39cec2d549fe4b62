using System.CommandLine;
using Allocator.Cli.Io;
using Allocator.Workbook;

namespace Allocator.Cli.Commands;

/// <summary><c>allocator template -o request.xlsx</c>: the empty request workbook a planner fills in.</summary>
internal static class TemplateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "The workbook to write (.xlsx)", Required = true };
        var verbose = CommonOptions.Verbose();
        var command = new Command("template", "Write an empty request workbook (xlsx) with instructions, headers and units")
        {
            output, verbose,
        };
        command.SetAction(parse => Guard.Run(parse.GetValue(verbose), () =>
        {
            var path = parse.GetValue(output)!;
            if (!WorkbookFile.IsWorkbookPath(path)) return ErrorReport.Refused($"'{path}' should end in .xlsx (the template is a workbook)");
            WorkbookFile.WriteAtomically(path, RequestWorkbook.Template());
            return ExitCodes.Ok;
        }));
        return command;
    }
}
