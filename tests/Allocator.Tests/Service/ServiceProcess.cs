using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Allocator.Tests.Service;

/// <summary>A real <c>allocator serve</c> child process on a free loopback port.</summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>Everything the process printed so far, stdout and stderr.</summary>
    public string Output
    {
        get { lock (_output) return string.Join("\n", _output); }
    }

    public static Task<ServiceProcess> StartAsync(params string[] arguments) => StartAsync(null, arguments);

    /// <summary>Starts the service with <paramref name="apiKeyVariable"/> as ALLOCATOR_API_KEY (none when null).</summary>
    public static async Task<ServiceProcess> StartAsync(string? apiKeyVariable, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliPath());
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("ALLOCATOR_API_KEY");
        if (apiKeyVariable is not null) start.Environment["ALLOCATOR_API_KEY"] = apiKeyVariable;

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start allocator serve");
        var lines = new List<string>();
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) return;
            lock (lines) lines.Add(line);
            if (Serving().Match(line) is { Success: true } match) address.TrySetResult(new Uri(match.Groups[1].Value));
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(address.Task, exited, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != address.Task)
        {
            if (!process.HasExited) process.Kill();
            lock (lines) throw new InvalidOperationException("allocator serve did not start:\n" + string.Join("\n", lines));
        }
        var service = new ServiceProcess(process, address.Task.Result);
        lock (lines) service._output.AddRange(lines);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (service._output) service._output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (service._output) service._output.Add(e.Data); };
        return service;
    }

    /// <summary>Runs <c>allocator serve ARGS</c> expecting it to stop by itself; returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunToExitAsync(params string[] arguments) =>
        RunToExitAsync(new Dictionary<string, string>(), arguments);

    /// <summary>The same, with <paramref name="environment"/> set in the child (ALLOCATOR_API_KEY is removed unless given).</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment.Remove("ALLOCATOR_API_KEY");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(CliPath());
        start.ArgumentList.Add("serve");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start allocator serve");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        try { await KillAsync(); } catch (InvalidOperationException) { }
        _process.Dispose();
    }

    /// <summary>
    /// allocator.dll: beside the tests (the test project references the CLI), or in the CLI project's own output.
    /// </summary>
    private static string CliPath()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "allocator.dll");
        if (File.Exists(here) && File.Exists(Path.Combine(AppContext.BaseDirectory, "allocator.runtimeconfig.json"))) return here;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "solver", "Allocator.Cli", "bin", configuration, "net10.0", "allocator.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("allocator.dll not found; build solver/Allocator.Cli");
    }

    [GeneratedRegex(@"^allocator: serving on (http://[^,\s]+)")]
    private static partial Regex Serving();
}
