using System.Net;
using System.Net.Sockets;
using Allocator.Service;

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

/// <summary>Issue 11, item 12: API key mistakes stop the service at start-up with exit 2.</summary>
public sealed class ApiKeyStartupTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" secret")]
    [InlineData("secret\n")]
    public async Task An_empty_or_padded_key_is_refused(string key)
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync("--urls", "http://127.0.0.1:0", "--db", "/nonexistent-allocator-dir/a.db", "--api-key", key);
        Assert.Equal(2, exitCode);
        Assert.Contains("allocator: the API key (--api-key)", output);
        Assert.DoesNotContain("serving on", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task An_empty_key_variable_is_refused()
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync(
            new Dictionary<string, string> { ["ALLOCATOR_API_KEY"] = "" }, "--urls", "http://127.0.0.1:0", "--db", "/nonexistent-allocator-dir/a.db");
        Assert.Equal(2, exitCode);
        Assert.Contains("allocator: the API key (ALLOCATOR_API_KEY) is empty", output);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://127.0.0.1:0;http://[::]:0")]
    public async Task Beyond_loopback_without_a_key_is_refused(string urls)
    {
        // Nothing is bound: the refusal comes before the server starts.
        var (exitCode, output) = await ServiceProcess.RunToExitAsync("--urls", urls, "--db", "/nonexistent-allocator-dir/a.db");
        Assert.Equal(2, exitCode);
        Assert.Contains("--allow-no-key", output);
    }

    [Fact]
    public void The_explicit_flag_or_a_key_allows_serving_beyond_loopback()
    {
        Assert.Null(new ServiceOptions { Urls = "http://0.0.0.0:5080", AllowNoKey = true }.Problem());
        Assert.Null(new ServiceOptions { Urls = "http://0.0.0.0:5080", ApiKey = "k" }.Problem());
        Assert.Null(new ServiceOptions { Urls = "http://localhost:5080;http://[::1]:5080;http://127.0.0.2:1" }.Problem());
        Assert.NotNull(new ServiceOptions { Urls = "http://10.0.0.5:5080" }.Problem());
    }
}
