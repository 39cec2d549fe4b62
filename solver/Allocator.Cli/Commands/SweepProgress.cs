using Allocator.Solver;
using Allocator.Sweeps;
using Spectre.Console;

namespace Allocator.Cli.Commands;

/// <summary>
/// Runs a sweep with a progress bar on stderr when stderr is a terminal; when it is redirected (a log file, a
/// Kubernetes pod, a test) nothing but the final summary line is printed.
/// </summary>
internal static class SweepProgress
{
    public static SweepReport Run(SweepPlan plan, string folder, Shard shard, SolveOptions options, int parallelism, CancellationToken cancellationToken)
    {
        if (Console.IsErrorRedirected)
            return SweepRunner.Run(plan, folder, shard, options, parallelism, cancellationToken: cancellationToken);

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask($"sweep shard {shard}", maxValue: 1);
                return SweepRunner.Run(plan, folder, shard, options, parallelism, (done, total) =>
                {
                    lock (task)
                    {
                        task.MaxValue = Math.Max(total, 1);
                        task.Value = Math.Max(task.Value, done); // progress reports may arrive out of order
                    }
                }, cancellationToken);
            });
    }
}
