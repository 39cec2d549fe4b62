namespace Allocator.Tests.Cli;

/// <summary><c>allocator generate</c>: deterministic for a seed, and its output is a valid request.</summary>
public class CliGenerateTests
{
    [Fact]
    public void Generate_SameSeedTwice_IdenticalBytesThatValidate()
    {
        using var dir = new TempDirectory();

        var first = CliRunner.Run(dir.Path, null, "generate", "--preset", "S", "--seed", "3");
        var second = CliRunner.Run(dir.Path, null, "generate", "--preset", "S", "--seed", "3");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.NotEmpty(first.StdoutBytes);
        Assert.Equal(first.StdoutBytes, second.StdoutBytes);

        var validate = CliRunner.Run(dir.Path, first.StdoutBytes, "validate", "-");

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.StartsWith("valid: 10 donors", validate.Stdout);
    }

    [Fact]
    public void Generate_OtherSeed_OtherRequest()
    {
        using var dir = new TempDirectory();

        var three = CliRunner.Run(dir.Path, null, "generate", "--preset", "S", "--seed", "3");
        var four = CliRunner.Run(dir.Path, null, "generate", "--preset", "S", "--seed", "4");

        Assert.NotEqual(three.StdoutBytes, four.StdoutBytes);
    }

    [Fact]
    public void Generate_WholeUnits_AddsLotsAndOnlyLots()
    {
        using var dir = new TempDirectory();

        var plain = CliRunner.Run(dir.Path, null, "generate", "--preset", "S", "--seed", "3");
        var whole = CliRunner.Run(dir.Path, null, "generate", "--preset", "S", "--seed", "3", "--whole-units");

        Assert.True(whole.ExitCode == 0, whole.ToString());
        var lines = System.Text.Json.Nodes.JsonNode.Parse(whole.Stdout)!["lines"]!.AsArray();
        Assert.All(lines, l => Assert.True(l!["lotSize"]!.GetValue<double>() >= 1));
        Assert.Contains(lines, l => l!["minimumOrder"] is not null);
        // Without the two new properties, the request is the scenario drawn without --whole-units, byte for byte.
        foreach (var l in lines)
        {
            l!.AsObject().Remove("lotSize");
            l.AsObject().Remove("minimumOrder");
        }
        var stripped = System.Text.Json.Nodes.JsonNode.Parse(whole.Stdout)!;
        stripped["lines"] = System.Text.Json.Nodes.JsonNode.Parse(lines.ToJsonString());
        Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(plain.Stdout)!.ToJsonString(), stripped.ToJsonString());
        var validate = CliRunner.Run(dir.Path, whole.StdoutBytes, "validate", "-");
        Assert.True(validate.ExitCode == 0, validate.ToString());
    }
}
