using System.CommandLine;
using System.Text;
using Allocator.Cli.Io;
using Allocator.Sweeps;

namespace Allocator.Cli.Commands;

/// <summary><c>allocator sweep gather OUT_DIR [-o table.csv]</c>: one CSV row per scenario of a sweep's output folder.</summary>
internal static class SweepGatherCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("out-dir") { Description = "The sweep's output folder (with its sweep.json)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the CSV table here (atomically) instead of stdout" };
        var verbose = CommonOptions.Verbose();

        var command = new Command("gather", "Gather a sweep's results into one CSV table, a row per scenario in index order")
        {
            folder, output, verbose,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Guard.Run(parse.GetValue(verbose), () =>
        {
            var dir = parse.GetValue(folder)!;
            var (outputs, refused) = OutputPlan.Create([], ("-o", parse.GetValue(output)));
            if (outputs is null) return ErrorReport.RefusedOutputs(refused);
            if (!Directory.Exists(dir)) return ErrorReport.Refused($"'{dir}' is not a folder (give the -o folder of `allocator sweep`)");
            var (csv, missing, problem) = SweepTable.Gather(dir);
            if (csv is null) return ErrorReport.Refused(problem!);
            outputs.Write(cancellationToken, Encoding.UTF8.GetBytes(csv));
            if (missing > 0)
                Console.Error.WriteLine($"allocator: {missing} scenario(s) have no result yet (status missing); run or resume the sweep, then gather again");
            return ExitCodes.Ok;
        })));
        return command;
    }
}
