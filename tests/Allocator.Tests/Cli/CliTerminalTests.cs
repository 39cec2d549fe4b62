using System.Text.Json.Nodes;

namespace Allocator.Tests.Cli;

/// <summary>
/// Text from a request reaches the terminal with its control characters escaped (issue 11, item 5): ids and
/// names can send no escape sequence, carriage return, fake line or bidirectional override to a planner's
/// terminal through <c>--format table</c>, <c>explain</c> or an error message.
/// </summary>
public class CliTerminalTests
{
    private const string Escape = "\u001b]0;pwned\u0007\u001b[2J";
    private const string Overwrite = "\rStatus: infeasible\u202e";
    private const string FakeLine = "\nValue delivered: 0";

    [Theory]
    [InlineData("solve", "--format", "table")]
    [InlineData("explain")]
    public void TextOutput_IdsAndNamesWithControlCharacters_AreEscaped(params string[] command)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("hostile.json"), HostileRequest());

        var run = CliRunner.Run(dir.Path, null, [.. command.Take(1), "hostile.json", "--explain", "reasons", .. command.Skip(1)]);

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertNoControlCharacters(run.Stdout, keepNewlines: true);
        Assert.Contains(@"illustrative figures)\nValue delivered: 0", run.Stdout, StringComparison.Ordinal);
        if (command[0] != "solve") return; // the table lists every donor and line; the briefing only those with something to say
        Assert.Contains(@"donor-open\x1B]0;pwned\x07\x1B[2J", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(@"gun-pl\rStatus: infeasible\u202E", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorMessages_IdsWithControlCharacters_AreEscaped()
    {
        using var dir = new TempDirectory();
        var root = JsonNode.Parse(HostileRequest())!.AsObject();
        var donors = root["donors"]!.AsArray();
        donors.Add(donors[1]!.DeepClone()); // a duplicate id: the message quotes it
        File.WriteAllText(dir.File("hostile.json"), root.ToJsonString());

        var run = CliRunner.Run(dir.Path, null, "validate", "hostile.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        AssertNoControlCharacters(run.Stderr, keepNewlines: true);
        Assert.Contains(@"\x1B", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The two-donor example with a control sequence in a donor id, a carriage return and a bidi override in a line id, and a newline in the name.</summary>
    private static string HostileRequest()
    {
        var root = JsonNode.Parse(Solver.Examples.Json(Solver.Examples.TwoDonors))!.AsObject();
        root["name"] = root["name"]!.GetValue<string>() + FakeLine;
        foreach (var donor in root["donors"]!.AsArray())
            if (donor!["id"]!.GetValue<string>() == "donor-open") donor["id"] = "donor-open" + Escape;
        foreach (var line in root["lines"]!.AsArray())
            if (line!["id"]!.GetValue<string>() == "gun-pl") line["id"] = "gun-pl" + Overwrite;
        return root.ToJsonString();
    }

    private static void AssertNoControlCharacters(string text, bool keepNewlines)
    {
        var bad = text.Select((c, i) => (c, i)).FirstOrDefault(x =>
            (char.IsControl(x.c) && !(keepNewlines && x.c == '\n')) || x.c is >= '\u202A' and <= '\u202E');
        Assert.True(bad == default, $"control character U+{(int)bad.c:X4} at {bad.i}: ...{text[Math.Max(0, bad.i - 40)..Math.Min(text.Length, bad.i + 10)]}...");
    }
}
