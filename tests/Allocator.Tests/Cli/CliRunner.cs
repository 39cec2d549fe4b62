using System.Diagnostics;
using System.Text;

namespace Allocator.Tests.Cli;

/// <summary>What one run of the CLI printed and returned.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="StdoutBytes">Standard output, byte for byte.</param>
/// <param name="Stderr">Standard error as text.</param>
internal sealed record CliRun(int ExitCode, byte[] StdoutBytes, string Stderr)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

    /// <summary>Every output, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the real <c>allocator</c> command as a child process (<c>dotnet allocator.dll</c>), as a user would: the
/// test project references the CLI project, so allocator.dll sits next to the test assembly.
/// </summary>
internal static class CliRunner
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static string AllocatorDll { get; } = Path.Combine(AppContext.BaseDirectory, "allocator.dll");

    /// <summary>Runs <c>allocator ARGS</c> in <paramref name="workingDirectory"/>, feeding <paramref name="stdin"/> (or nothing).</summary>
    public static CliRun Run(string workingDirectory, byte[]? stdin, params string[] args) => RunWith(null, workingDirectory, stdin, args);

    /// <summary>As <see cref="Run"/>, with extra environment variables for the child.</summary>
    public static CliRun RunWith(IReadOnlyDictionary<string, string>? environment, string workingDirectory, byte[]? stdin, params string[] args)
    {
        Assert.True(File.Exists(AllocatorDll), $"{AllocatorDll} is missing (the test project references the CLI project)");
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AllocatorDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        using var process = Process.Start(info)!;
        using var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"allocator {string.Join(' ', args)} did not finish within {Limit.TotalSeconds} s");
        }
        copyOut.Wait(Limit);
        return new CliRun(process.ExitCode, stdout.ToArray(), readErr.Result);
    }

    /// <summary>
    /// Runs <paramref name="script"/> with <c>sh -c</c> in <paramref name="workingDirectory"/>, where <c>allocator</c>
    /// is a shell function running the real CLI: for what only a shell shows (shared file offsets, redirections).
    /// </summary>
    public static CliRun RunShell(string workingDirectory, string script)
    {
        var info = new ProcessStartInfo("sh")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("allocator() { \"$ALLOCATOR_DOTNET\" \"$ALLOCATOR_DLL\" \"$@\"; }\n" + script);
        info.Environment["ALLOCATOR_DOTNET"] = DotnetHost();
        info.Environment["ALLOCATOR_DLL"] = AllocatorDll;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        using var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"sh -c '{script}' did not finish within {Limit.TotalSeconds} s");
        }
        copyOut.Wait(Limit);
        return new CliRun(process.ExitCode, stdout.ToArray(), readErr.Result);
    }

    public static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }
}

/// <summary>A fresh empty directory for one test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("allocator-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string[] Names() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order().ToArray()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
