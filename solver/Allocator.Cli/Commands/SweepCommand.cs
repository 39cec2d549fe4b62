using System.CommandLine;
using Allocator.Cli.Io;
using Allocator.Solver;
using Allocator.Sweeps;

namespace Allocator.Cli.Commands;

/// <summary>
/// <c>allocator sweep MANIFEST -o OUT_DIR [--shard I/N]</c>: solves every scenario of a sweep manifest (contract
/// v1.1, section 5), or one shard of them, one result file per scenario; <c>sweep gather</c> is its subcommand.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var manifest = new Argument<string>("manifest") { Description = "Sweep manifest JSON file (base request and vary entries)" };
        var output = new Option<string>("--output", "-o") { Description = "Folder for the results (one <scenario id>.json each) and sweep.json; shared by all shards", Required = true };
        var shard = new Option<string?>("--shard") { Description = "Solve only shard I of N (I/N, 0 <= I < N); without it, JOB_COMPLETION_INDEX picks the shard when set" };
        var shardCount = new Option<int?>("--shard-count") { Description = $"The number of shards N when {Shard.CompletionIndexVariable} picks the shard (default: ${Shard.CountVariable})" };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Solves at a time (default: the number of cores)" };
        var backend = new Option<string?>("--backend") { Description = $"LP backend, overriding the requests: {string.Join(", ", AllocationEngine.KnownBackends)}" };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Seconds each solve may use, overriding the requests" };
        var explain = CommonOptions.Explain("none");
        var errorsJson = CommonOptions.ErrorsJson();
        var verbose = CommonOptions.Verbose();

        var command = new Command("sweep", "Solve many variations of one request (a sweep manifest), in parallel, resumably, optionally as one shard of a cluster job")
        {
            manifest, output, shard, shardCount, jobs, backend, timeLimit, explain, errorsJson, verbose,
            SweepGatherCommand.Create(),
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Guard.Run(parse.GetValue(verbose), () =>
        {
            var asJson = parse.GetValue(errorsJson);
            var (chosen, shardProblem) = Shard.Choose(parse.GetValue(shard), parse.GetValue(shardCount), Environment.GetEnvironmentVariable);
            if (chosen is null) return ErrorReport.Refused(shardProblem!);
            var parallelism = parse.GetValue(jobs) ?? Environment.ProcessorCount;
            if (parallelism < 1) return ErrorReport.Refused($"--jobs {parallelism}: give at least 1");

            var (read, manifestErrors) = ManifestReader.ReadFile(parse.GetValue(manifest)!);
            if (read is null) return ErrorReport.Invalid(manifestErrors, asJson);
            var (plan, scenarioErrors) = SweepPlan.Expand(read);
            if (plan is null) return ErrorReport.Invalid(scenarioErrors, asJson);

            var options = new SolveOptions
            {
                Backend = parse.GetValue(backend),
                TimeLimitSeconds = parse.GetValue(timeLimit),
                Explain = CommonOptions.ExplainLevelOf(parse.GetValue(explain)!),
            };
            // The engine would refuse a bad override for every scenario alike; refuse it once, before anything is written.
            if (options.Backend is { } name && !AllocationEngine.Backends.Contains(name, StringComparer.OrdinalIgnoreCase))
                return ErrorReport.Refused($"--backend {name}: not an available backend (use one of: {string.Join(", ", AllocationEngine.Backends)})");
            if (options.TimeLimitSeconds is { } limit && !(limit > 0 && double.IsFinite(limit)))
                return ErrorReport.Refused($"--time-limit {limit}: give a positive number of seconds");

            var folder = parse.GetValue(output)!;
            if (File.Exists(folder)) return ErrorReport.Refused($"-o {folder}: is a file; give a folder (it is created if missing)");
            using var quiet = StandardOutput.KeepNativeOutputOff(); // native solver banners go to stderr, never into anyone's stdout pipe
            SweepReport report;
            try
            {
                report = SweepProgress.Run(plan, folder, chosen, options, parallelism, cancellationToken);
            }
            catch (SweepFolderException e)
            {
                return ErrorReport.Refused(e.Message);
            }
            catch (OperationCanceledException)
            {
                // Unlike solve, a sweep keeps what it finished: the next run resumes from there.
                Console.Error.WriteLine($"allocator: cancelled; the results finished so far are in {folder}, and running the same command again resumes");
                return ExitCodes.Cancelled;
            }
            Console.Error.WriteLine(
                $"allocator: sweep shard {report.Shard}: {report.Scenarios} scenario(s), {report.Skipped} already solved, {report.Solved} solved now" +
                (report.NotSolved > 0 ? $", {report.NotSolved} without a plan (status not_solved)" : "") +
                $"; results in {folder}");
            foreach (var why in report.Refused) Console.Error.WriteLine($"allocator: refused {why}");
            return report.Refused.Count > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
        })));
        return command;
    }
}
