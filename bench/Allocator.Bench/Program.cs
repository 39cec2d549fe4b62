using BenchmarkDotNet.Running;

namespace Allocator.Bench;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench/Allocator.Bench -- --filter '*'</c> (see bench/README.md).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        // A benchmark that throws is reported by BenchmarkDotNet but would still exit 0: make CI see it.
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
