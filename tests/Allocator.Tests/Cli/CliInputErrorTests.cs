using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Allocator.Solver;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Cli;

/// <summary>
/// Bad input to <c>allocator solve</c>: exit code 2, every problem as <c>PATH: message</c> on stderr (or as the
/// contract's error document with --errors-json), no plan, no file written, and never a stack trace.
/// </summary>
public class CliInputErrorTests
{
    /// <summary>The two-donor example with three independent problems.</summary>
    private static byte[] InvalidRequest()
    {
        var root = JsonNode.Parse(Examples.Json(Examples.TwoDonors))!.AsObject();
        root["donors"]![0]!["tranches"]![0]!["currency"] = "SEK";      // no exchange rate
        root["lines"]![0]!["capacity"] = new JsonArray(1, 2);           // 2 values for 4 periods
        root["needs"]![1]!["id"] = "guns";                              // duplicate id
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static readonly byte[] MalformedJson = Encoding.UTF8.GetBytes("{\n  \"schemaVersion\": \"1\",\n  \"baseCurrency\": ,\n}\n");

    [Fact]
    public void Solve_InvalidRequest_OneLinePerProblemOnStderr()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("request.json"), InvalidRequest());
        var expected = AllocationEngine.Read(InvalidRequest()).Errors.Select(e => e.ToString()).ToArray();

        var run = CliRunner.Run(dir.Path, null, "solve", "request.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.Equal(3, expected.Length);
        Assert.Equal(expected, run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line => line.StartsWith("$.donors[0].tranches[0].currency: ", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.StartsWith("$.lines[0].capacity: ", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.StartsWith("$.needs[1].id: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Solve_InvalidRequestWithOutputFile_CreatesNoFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("request.json"), InvalidRequest());

        var run = CliRunner.Run(dir.Path, null, "solve", "request.json", "-o", "out.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.Equal(["request.json"], dir.Names());
    }

    [Fact]
    public void Solve_InvalidRequestWithErrorsJson_PrintsErrorDocument()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, InvalidRequest(), "solve", "-", "--errors-json");

        Assert.True(run.ExitCode == 2, run.ToString());
        using var document = JsonDocument.Parse(run.StdoutBytes);
        var errors = document.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.StartsWith("$.", e.GetProperty("path").GetString());
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString()));
        });
        Assert.Single(document.RootElement.EnumerateObject());
    }

    [Fact]
    public void Solve_MalformedJson_NamesLineAndColumn()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, MalformedJson, "solve", "-");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("$: ", line);
        Assert.Contains("line 3, column 19", line); // the stray ',' after "baseCurrency":
    }

    [Fact]
    public void Solve_MalformedJsonWithErrorsJson_PrintsErrorDocument()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, MalformedJson, "solve", "-", "--errors-json");

        Assert.True(run.ExitCode == 2, run.ToString());
        using var document = JsonDocument.Parse(run.StdoutBytes);
        var error = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("$", error.GetProperty("path").GetString());
        Assert.Contains("line 3, column 19", error.GetProperty("message").GetString());
    }

    [Fact]
    public void Solve_MissingFile_ExitTwoWithClearMessage()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", "no-such-request.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.Contains("'no-such-request.json' does not exist", run.Stderr);
    }

    // The contract: "an unknown or unavailable backend is an input error"; --backend overrides solver.backend.
    [Fact]
    public void Solve_UnknownBackendOption_IsInputError()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", Examples.PathOf(Examples.TwoDonors), "--backend", "nosuch");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        Assert.Contains("nosuch", run.Stderr);
    }

    // solver.timeLimitSeconds must be > 0; --time-limit overrides it, so the same rule applies.
    [Fact]
    public void Solve_NegativeTimeLimitOption_IsInputError()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", Examples.PathOf(Examples.TwoDonors), "--time-limit", "-1");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
    }

    public static TheoryData<string, string[]> BadInputs() => new()
    {
        { "invalid request", ["solve", "-"] },
        { "malformed JSON", ["solve", "-"] },
        { "empty stdin", ["solve", "-"] },
        { "missing file", ["solve", "missing.json"] },
        { "directory", ["solve", "."] },
        { "unknown backend", ["solve", "-", "--backend", "nosuch"] },
        { "unknown option", ["solve", "-", "--no-such-option"] },
        { "validate invalid", ["validate", "-"] },
        { "validate malformed", ["validate", "-"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Run_BadInput_NoStackTrace(string name, string[] args)
    {
        using var dir = new TempDirectory();
        byte[] stdin = name switch
        {
            "invalid request" or "validate invalid" => InvalidRequest(),
            "malformed JSON" or "validate malformed" => MalformedJson,
            "unknown backend" or "unknown option" => File.ReadAllBytes(Examples.PathOf(Examples.TwoDonors)),
            _ => [],
        };

        var run = CliRunner.Run(dir.Path, stdin, args);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.False(run.Stderr.Length == 0, run.ToString());
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
    }
}
