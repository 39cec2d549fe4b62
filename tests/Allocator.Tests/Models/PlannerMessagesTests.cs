using Allocator.Models;
using Allocator.Tests.Cli;
using Allocator.Tests.Solver;
using static Allocator.Tests.Models.SampleJson;

namespace Allocator.Tests.Models;

/// <summary>Issue 11, item 9: every message is for a planner, not for a .NET programmer.</summary>
public class PlannerMessagesTests
{
    /// <summary>Words of System.Text.Json's and .NET's own messages that a planner cannot act on.</summary>
    private static readonly string[] LibraryWords =
        ["reader options", "this mode", "token", "payload", "isFinalBlock", "literal", "delimiter", "EndArray", "EndObject", "System.", "Allocator.", "Exception"];

    public static TheoryData<string> BrokenJson() =>
    [
        """{"a": [1, 2,]}""", """{"a": 1,}""", """{"a": 1""", "", "   ", """{"a": 1} x""", """{"a" 1}""", """{a: 1}""",
        """{"a": tru}""", """{"a": 12px}""", """{"a": 1.}""", """{"a": 01}""", """{"a": 1]""", """{"a": "x""",
        "{\"a\": \"x\\q\"}", "{\"a\": \"\\u12G4\"}", "{\"a\": \"tab\there\"}", """{"a": 1} // note""", """{"a": /* c */ 1}""",
        """{"a": 'x'}""", string.Concat(Enumerable.Repeat("[", 70)), "{\"a\": -}",
    ];

    [Theory]
    [MemberData(nameof(BrokenJson))]
    public void MalformedJson_IsDescribedInPlainWords(string json)
    {
        var error = Assert.Single(RequestReader.Read(json).Errors);

        Assert.StartsWith("malformed JSON at line 1", error.Message);
        foreach (var word in LibraryWords)
            Assert.DoesNotContain(word, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TrailingComma_SaysWhichCommaToRemove()
    {
        Assert.Contains("remove the comma before ']'", Assert.Single(RequestReader.Read("""{"a": [1, 2,]}""").Errors).Message);
        Assert.Contains("remove the comma before '}'", Assert.Single(RequestReader.Read("""{"a": 1,}""").Errors).Message);
    }

    [Theory]
    [InlineData("1e-400")]
    [InlineData("-2.5E-999")]
    [InlineData("decimal")]
    public void UnderflowingNumber_IsTooSmallNotZero(string number)
    {
        if (number == "decimal") number = "0." + new string('0', 400) + "1";
        var error = Assert.Single(RequestReader.Read(Valid.Replace("\"quantity\": 36", $"\"quantity\": {number}")).Errors);

        Assert.Equal("$.needs[0].quantity", error.Path);
        Assert.Contains("too small to be represented: it underflows to 0", error.Message);
        Assert.DoesNotContain("not positive", error.Message);
    }

    [Fact]
    public void Zero_IsStillReportedAsNotPositive()
    {
        var outcome = Allocator.Solver.AllocationEngine.Read(System.Text.Encoding.UTF8.GetBytes(Valid.Replace("\"quantity\": 36", "\"quantity\": 0e-400")));

        Assert.Contains("is not positive", Assert.Single(outcome.Errors).Message);
    }

    [Fact]
    public void Cli_SizeLimits_NameTheFlagsNotTheLibrarysOptions()
    {
        using var dir = new TempDirectory();

        var bytes = CliRunner.Run(dir.Path, null, "solve", Examples.PathOf(Examples.Ukraine2024), "--max-request-bytes", "1000");
        var variables = CliRunner.Run(dir.Path, null, "solve", Examples.PathOf(Examples.Ukraine2024), "--max-variables", "50");
        var zero = CliRunner.Run(dir.Path, null, "solve", Examples.PathOf(Examples.Ukraine2024), "--max-non-zeros", "0");

        Assert.True(bytes.ExitCode == 2, bytes.ToString());
        Assert.Contains("--max-request-bytes", bytes.Stderr);
        Assert.Contains("--max-variables", variables.Stderr);
        Assert.Contains("--max-non-zeros", zero.Stderr);
        foreach (var run in new[] { bytes, variables, zero })
            Assert.DoesNotContain("SolveOptions", run.Stderr);
    }
}
