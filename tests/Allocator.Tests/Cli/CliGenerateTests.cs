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
}
