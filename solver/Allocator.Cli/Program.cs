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
            ConvertCommand.Create(),
            TemplateCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
