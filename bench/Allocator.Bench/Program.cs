using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Allocator.Bench;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project bench/Allocator.Bench -- --filter '*'</c> (see bench/README.md).
/// Arguments handled here, before BenchmarkDotNet sees the rest: <c>--sizes S,M</c> (default S,M,L) and
/// <c>--xl</c> choose the scenario sizes; <c>--phases</c> prints a quick per-phase breakdown instead
/// (see <see cref="PhaseReport"/>). Without <c>--job</c> the benchmarks run a job sized for seconds-long
/// operations (1 warm-up and 5 measured iterations) rather than BenchmarkDotNet's default of 15 to 100.
/// </summary>
public static class Program
{
    /// <summary>Arguments that choose the job themselves; with any of them the national-scale default job is not added.</summary>
    private static readonly string[] JobArguments = ["--job", "-j", "--inProcess", "-i", "--runtimes", "-r", "--cli", "--coreRun"];

    /// <summary>Arguments that ask BenchmarkDotNet for information rather than for a run.</summary>
    private static readonly string[] InformationArguments = ["--list", "--help", "-h", "--info", "--version", "-?"];

    public static int Main(string[] args)
    {
        try
        {
            if (args.Contains("--phases"))
                return PhaseReport.Run([.. args.Where(a => a != "--phases")]);
            args = TakeSizeArguments(args);
            _ = BenchSizes.Selected; // report a bad ALLOCATOR_BENCH_SIZES here, not inside BenchmarkDotNet
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        IConfig config = DefaultConfig.Instance;
        if (!args.Any(a => JobArguments.Contains(a, StringComparer.OrdinalIgnoreCase)))
            config = DefaultConfig.Instance.AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(5).WithId("National"));

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
        // A benchmark that throws is reported by BenchmarkDotNet but would still exit 0: make CI see it.
        if (summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)))
            return 1;
        // So would a filter that matches nothing (a renamed benchmark would silently stop running in CI).
        var askedForRun = args.Contains("--filter") && !args.Any(a => InformationArguments.Contains(a, StringComparer.OrdinalIgnoreCase));
        if (askedForRun && summaries.Sum(s => s.Reports.Length) == 0)
        {
            Console.Error.WriteLine("error: no benchmark matched the filter");
            return 1;
        }
        return 0;
    }

    /// <summary>Turns <c>--sizes LIST</c> and <c>--xl</c> into the environment variables of <see cref="BenchSizes"/>,
    /// which the benchmark processes BenchmarkDotNet starts inherit, and removes them from the arguments.</summary>
    private static string[] TakeSizeArguments(string[] args)
    {
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--xl")
                Environment.SetEnvironmentVariable(BenchSizes.XlVariable, "1");
            else if (args[i] == "--sizes" && i + 1 < args.Length)
                Environment.SetEnvironmentVariable(BenchSizes.SizesVariable, string.Join(',', BenchSizes.Parse(args[++i])));
            else
                rest.Add(args[i]);
        }
        return [.. rest];
    }
}
