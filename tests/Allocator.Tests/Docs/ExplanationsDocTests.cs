using System.Text.RegularExpressions;
using Allocator.Tests.Cli;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Docs;

/// <summary>
/// docs/explanations.md quotes what <c>allocator explain</c> prints for the 2024 example (issue 11, item 16: it
/// said period 1 where the tool prints period 2). Every quoted line, up to a <c>...</c> cut, must be printed.
/// </summary>
public partial class ExplanationsDocTests
{
    [Fact]
    public void The_worked_example_quotes_what_allocator_explain_prints()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "explanations.md")).ReplaceLineEndings("\n");
        var section = doc[doc.IndexOf("## Worked example", StringComparison.Ordinal)..];
        var block = Fence().Match(section).Groups["text"].Value;
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "explain", Examples.PathOf(Examples.Ukraine2024));

        Assert.True(run.ExitCode == 0, run.ToString());
        var printed = Collapse(run.Stdout); // the terminal wraps lines where the doc does not
        var quoted = block.Split('\n').Select(l => Collapse(l.Split("...")[0])).Where(l => l.Length > 0).ToList();
        Assert.True(quoted.Count >= 10, block);
        Assert.All(quoted, line => Assert.True(printed.Contains(line, StringComparison.Ordinal), $"not printed by allocator explain: {line}\n\n{run.Stdout}"));
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^```\n(?<text>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Allocator.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Allocator.sln above {AppContext.BaseDirectory}");
    }
}
