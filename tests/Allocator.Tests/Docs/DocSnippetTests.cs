using System.Diagnostics;
using System.Text.RegularExpressions;
using Allocator.Tests.Cli;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Allocator.Tests.Docs;

/// <summary>
/// Docs are code (issue 11, item 14): every <c>```csharp</c> block of README.md and docs/*.md, including blocks
/// added later, is compiled as a console program (top-level statements, the implicit usings of
/// <c>dotnet new console</c>) against the projects this test references, then run in a fresh process from a
/// folder that holds a copy of examples/, and must exit 0.
/// </summary>
public partial class DocSnippetTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>One C# block: the Markdown file (relative to the repository), the line its code starts on, and the code.</summary>
    public sealed record Snippet(string File, int Line, string Code)
    {
        public override string ToString() => $"{File}:{Line}";
    }

    public static TheoryData<string> Snippets() => [.. All().Select(s => s.ToString())];

    [Fact]
    public void The_readme_and_the_docs_have_snippets_to_check()
    {
        var snippets = All();
        Assert.Contains(snippets, s => s.File == "README.md");
        Assert.True(snippets.Count >= 4, string.Join(", ", snippets));
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_compiles_and_runs(string where)
    {
        var snippet = All().Single(s => s.ToString() == where);
        var dll = Path.Combine(AppContext.BaseDirectory, $"DocSnippet.{Guid.NewGuid():N}.dll");
        try
        {
            Compile(snippet, dll);
            var (exit, output) = Run(dll);
            Assert.True(exit == 0, $"{where} exited {exit}:\n{output}");
        }
        finally
        {
            File.Delete(dll);
        }
    }

    /// <summary>Every C# block of README.md and docs/*.md, in file order.</summary>
    public static IReadOnlyList<Snippet> All()
    {
        var root = RepositoryRoot();
        var files = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        var snippets = new List<Snippet>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file).ReplaceLineEndings("\n");
            foreach (Match m in Block().Matches(text))
                snippets.Add(new Snippet(Path.GetRelativePath(root, file).Replace('\\', '/'),
                    text[..m.Groups["code"].Index].Count(c => c == '\n') + 1, m.Groups["code"].Value));
        }
        return snippets;
    }

    // An opening fence of ```csharp, ```cs or ```c# at the start of a line (indented up to 3 spaces), to the next closing fence.
    [GeneratedRegex(@"^ {0,3}```(?:csharp|cs|c#)[ \t]*\n(?<code>.*?)^ {0,3}```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Block();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Allocator.sln")) && File.Exists(Path.Combine(dir.FullName, "README.md")))
                return dir.FullName;
        throw new InvalidOperationException($"no Allocator.sln above {AppContext.BaseDirectory}");
    }

    private static void Compile(Snippet snippet, string dll)
    {
        const string implicitUsings = """
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Net.Http;
            global using System.Threading;
            global using System.Threading.Tasks;
            """;
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(implicitUsings, parse, "ImplicitUsings.cs"),
            CSharpSyntaxTree.ParseText(snippet.Code, parse, snippet.File),
        };
        // The test host's trusted assemblies: the shared frameworks and everything the test project references.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !Path.GetFileName(p).StartsWith("DocSnippet.", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(Path.GetFileNameWithoutExtension(dll), trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var result = compilation.Emit(dll);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{snippet.File}:{snippet.Line + d.Location.GetLineSpan().StartLinePosition.Line}: {d.GetMessage()}").ToList();
        Assert.True(result.Success && errors.Count == 0, $"{snippet} does not compile:\n{string.Join('\n', errors)}");
    }

    /// <summary>Runs the snippet with the test project's dependencies, in a temporary folder holding examples/.</summary>
    private static (int Exit, string Output) Run(string dll)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("examples"));
        foreach (var example in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.json"))
            File.Copy(example, Path.Combine(dir.File("examples"), Path.GetFileName(example)));
        var info = new ProcessStartInfo(CliRunner.DotnetHost())
        {
            WorkingDirectory = dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var bin = AppContext.BaseDirectory;
        foreach (var arg in new[] { "exec", "--runtimeconfig", Path.Combine(bin, "Allocator.Tests.runtimeconfig.json"), "--depsfile", Path.Combine(bin, "Allocator.Tests.deps.json"), dll })
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{dll} did not finish within {Limit.TotalSeconds} s");
        }
        return (process.ExitCode, $"--- stdout ---\n{stdout.Result}\n--- stderr ---\n{stderr.Result}");
    }
}
