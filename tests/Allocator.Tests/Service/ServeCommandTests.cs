using System.Net;
using System.Net.Sockets;

namespace Allocator.Tests.Service;

/// <summary><c>allocator serve</c> refuses to start with one clear line, never a stack trace.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task A_taken_port_is_one_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var directory = Directory.CreateTempSubdirectory("allocator-serve-");
        try
        {
            var (exitCode, output) = await ServiceProcess.RunToExitAsync(
                "--urls", $"http://127.0.0.1:{port}", "--db", Path.Combine(directory.FullName, "a.db"));
            Assert.Equal(1, exitCode);
            Assert.Contains($"allocator: cannot serve on http://127.0.0.1:{port}", output);
            Assert.DoesNotContain("   at ", output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unusable_database_is_one_line_and_exit_1()
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync(
            "--urls", "http://127.0.0.1:0", "--db", "/nonexistent-allocator-dir/sub/a.db");
        Assert.Equal(1, exitCode);
        Assert.Contains("allocator: cannot use the SQLite database '/nonexistent-allocator-dir/sub/a.db'", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("--max-concurrent", "0")]
    [InlineData("--queue", "-1")]
    [InlineData("--max-body-mb", "0")]
    public async Task Bad_numbers_are_refused(string option, string value)
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync(option, value);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(option, output);
    }
}
