using System.Diagnostics;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Robustness;

/// <summary>
/// Reading stops at the size cap (issue 11, item 6): before, stdin was read to its end and only then measured,
/// so 300 MB on stdin cost 1.1 GB of memory before the 64 MiB error. Now the CLI takes at most one byte past
/// the cap and stops: the writer of an endless stream finds the pipe closed.
/// </summary>
public class CliInputCapTests
{
    private const int Cap = 1_000_000;
    private const long Offered = 64L * 1024 * 1024;

    [Theory]
    [InlineData("solve")]
    [InlineData("validate")]
    public async Task Stdin_OverTheCap_StopsReadingAtTheCap(string command)
    {
        using var dir = new TempDirectory();
        var info = new ProcessStartInfo(CliRunner.DotnetHost())
        {
            WorkingDirectory = dir.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { CliRunner.AllocatorDll, command, "-", "--max-request-bytes", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // Offer 64 MB of spaces (valid JSON whitespace) and count what the CLI takes before it closes the pipe.
        long accepted = 0;
        var chunk = new byte[1 << 16];
        Array.Fill(chunk, (byte)' ');
        try
        {
            while (accepted < Offered)
            {
                process.StandardInput.BaseStream.Write(chunk);
                accepted += chunk.Length;
            }
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // the CLI stopped reading and exited: the pipe is broken
        }
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token);
        var (outText, errText) = (await stdout, await stderr);

        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}\n{errText}");
        Assert.Equal("", outText);
        Assert.Contains("larger than the limit of 1,000,000 bytes", errText, StringComparison.Ordinal);
        Assert.Contains("--max-request-bytes", errText, StringComparison.Ordinal);
        // The cap, plus what the pipe and the stream buffers hold (a few hundred KB), never the whole offer.
        Assert.True(accepted < Cap + 4 * 1024 * 1024, $"the CLI took {accepted:N0} of {Offered:N0} bytes offered with a cap of {Cap:N0}");
    }

    // A file with no length (a character device, a FIFO) is read only to the cap too; before, /dev/zero was read until memory ran out.
    [Fact]
    public void FileWithoutLength_OverTheCap_StopsReadingAtTheCap()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, null, "solve", "/dev/zero", "--max-request-bytes", "1000");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("larger than the limit of 1,000 bytes", run.Stderr, StringComparison.Ordinal);
    }

    // A regular file over the cap is refused from its size, without being read.
    [Fact]
    public void File_OverTheCap_IsRefusedNamingItsSize()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("big.json"), new byte[5000]);

        var run = CliRunner.Run(dir.Path, null, "validate", "big.json", "--max-request-bytes", "1000");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("the request is 5,000 bytes, more than the limit of 1,000 bytes", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--max-request-bytes", run.Stderr, StringComparison.Ordinal);
    }
}
