using System.CommandLine;
using Allocator.Cli.Commands;

namespace Allocator.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Allocator: decides which partner money pays which production line, and when, so the most urgent needs are covered earliest")
        {
            SolveCommand.Create(),
            ValidateCommand.Create(),
            GenerateCommand.Create(),
            ServeCommand.Create(),
            ReportCommand.Create(),
            ExplainCommand.Create(),
            SweepCommand.Create(),
            ConvertCommand.Create(),
            TemplateCommand.Create(),
            StressCommand.Create(),
            DiffCommand.Create(),
        };
        // Signals are handled by Signals (exit 130/143 with a message, nothing written), not by
        // System.CommandLine's timeout, which terminates the process silently after two seconds.
        Signals.Register();
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, Signals.Token);
    }
}
