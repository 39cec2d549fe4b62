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

    [Fact]
    public async Task The_api_key_can_come_from_the_environment()
    {
        var directory = Directory.CreateTempSubdirectory("allocator-serve-");
        try
        {
            await using var service = await ServiceProcess.StartAsync("from-the-environment", "--db", Path.Combine(directory.FullName, "a.db"));
            Assert.Contains("API key on", service.Output);
            using var client = new HttpClient { BaseAddress = service.Address };
            using (var health = await client.GetAsync("/health"))
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using (var refused = await client.GetAsync("/v1/schema"))
                await TestService.ProblemAsync(refused, 401);
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "from-the-environment");
            using var schema = await client.GetAsync("/v1/schema");
            Assert.Equal(HttpStatusCode.OK, schema.StatusCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
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
