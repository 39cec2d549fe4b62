using System.CommandLine;
using Allocator.Cli.Io;
using Allocator.Models;
using Allocator.Workbook;

namespace Allocator.Cli.Commands;

/// <summary>
/// <c>allocator convert REQUEST -o OUT</c>: a request JSON to the planner's workbook, or a workbook back to JSON.
/// The direction follows the input (an xlsx file is a zip archive); the request must be well-formed (the contract's
/// reader passes), while the cross-field rules are left to <c>allocator validate</c> so that an unfinished request
/// can still move between the two forms. A folder of CSV files, one per sheet, is the workbook's second form: it is
/// written when <c>-o</c> ends in <c>/</c> or names a folder, and read when the input is a folder.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("request") { Description = "Request JSON, workbook (.xlsx) or folder of CSV files, or - for stdin" };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write: a .xlsx (or a folder, ending in /, for CSV files) for a JSON input (required), a .json for a workbook or CSV folder (default stdout)" };
        var errorsJson = CommonOptions.ErrorsJson();
        var verbose = CommonOptions.Verbose();
        var command = new Command("convert", "Convert a request between JSON and the planner's workbook (xlsx), losslessly")
        {
            input, output, errorsJson, verbose,
        };
        command.SetAction(parse => Guard.Run(parse.GetValue(verbose), () =>
        {
            var asJson = parse.GetValue(errorsJson);
            var target = parse.GetValue(output);
            var source = parse.GetValue(input)!;
            // A folder of CSV files (one per sheet) on either side: -o ending in '/' or naming a folder, or a folder as input.
            var folderOut = target is not null && CsvFolder.IsFolder(target);
            // Checked before anything is read (not the input, writable): the CLI's one output rule (docs/reliability.md).
            var (outputs, refused) = OutputPlan.Create([("", source)], folderOut ? [] : [("-o", target)]);
            if (outputs is null) return ErrorReport.RefusedOutputs(refused);
            var folderIn = source != "-" && Directory.Exists(source);
            var (bytes, problem) = folderIn ? ([], null) : RawInput.Read(source);
            if (bytes is null) return ErrorReport.Unreadable(problem!, asJson);

            if (folderIn || RequestWorkbook.IsWorkbook(bytes))
            {
                if (folderOut) return ErrorReport.Refused("the input is already a workbook or a CSV folder: convert it to JSON (-o request.json) first");
                WorkbookRead read;
                if (folderIn)
                {
                    var (files, unreadable) = CsvFolder.Read(source);
                    if (files is null) return ErrorReport.Unreadable(unreadable!, asJson);
                    read = RequestCsvFolder.Read(files);
                }
                else read = RequestWorkbook.Read(bytes);
                var shape = read.Json is null ? null : RequestReader.Read(read.Json);
                var errors = read.Errors.Concat(shape is null ? [] : read.Map.Locate(shape.Errors)).ToList();
                if (errors.Count > 0 || shape?.Request is null) return ErrorReport.Invalid(errors, asJson);
                outputs.Write(CancellationToken.None, TextOutput.Render(writer => writer.WriteLine(RequestReader.Write(shape.Request)), forTerminal: false));
                return ExitCodes.Ok;
            }

            var json = RequestReader.Read(bytes);
            if (json.Request is null || json.Errors.Count > 0) return ErrorReport.Invalid(json.Errors, asJson);
            if (target is null) return ErrorReport.Refused("give the workbook's file name with -o, for example -o request.xlsx (or a folder, -o request-csv/, for CSV files)");
            if (folderOut)
            {
                CsvFolder.Write(target!, RequestCsvFolder.Write(json.Request));
                return ExitCodes.Ok;
            }
            outputs.Write(CancellationToken.None, RequestWorkbook.Write(json.Request));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
