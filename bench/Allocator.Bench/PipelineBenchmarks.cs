using Allocator.Models;
using BenchmarkDotNet.Attributes;

namespace Allocator.Bench;

/// <summary>
/// The solve pipeline phase by phase on generated scenarios (preset sizes, seed 1), with the whole pipeline as the
/// baseline, so the Ratio column reads as each phase's share of end-to-end time. Every phase runs on real inputs
/// made once in <see cref="Setup"/>; the setup also checks the plan is optimal, so a broken pipeline fails the run.
/// Allocated bytes are managed allocations only: OR-Tools' native memory shows in measure-cli.sh's peak RSS.
/// </summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Full]
public class PipelineBenchmarks
{
    private Workload workload = null!;

    /// <summary>Preset size: S, M and L by default; see <see cref="BenchSizes"/> for choosing others and XL.</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = "S";

    public static IEnumerable<string> Sizes => BenchSizes.Selected;

    [GlobalSetup]
    public void Setup() => workload = Workload.Prepare(Size);

    /// <summary>Request bytes to a plan's JSON: <c>AllocationEngine.Solve</c> and serialisation, what the CLI does.</summary>
    [Benchmark(Baseline = true, Description = "End to end")]
    public int EndToEnd() => Phases.EndToEnd(workload.RequestJson, workload.Backend);

    [Benchmark(Description = "Parse + validate")]
    public AllocationRequest ParseAndValidate() => Phases.ParseAndValidate(workload.RequestJson);

    [Benchmark(Description = "Build problem + LP")]
    public object Build() => Phases.Build(workload.Request);

    [Benchmark(Description = "Solve (default backend, 2 stages)")]
    public object Solve() => Phases.Solve(workload.Formulation, workload.Backend);

    [Benchmark(Description = "Extract + assemble")]
    public AllocationResult ExtractAndAssemble() => Phases.ExtractAndAssemble(workload);

    [Benchmark(Description = "Write result JSON")]
    public int WriteResult() => Phases.Write(workload.Result);
}
