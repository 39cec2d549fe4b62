using Allocator.Solver.Backends;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Allocator.Solver;

namespace Allocator.Bench;

/// <summary>
/// <c>--phases</c>: a quick breakdown of where a solve's time goes, without BenchmarkDotNet's statistics. Runs the
/// chained phases (the same methods the benchmarks use) once cold and <c>--runs</c> more times, and prints a
/// markdown table per size: first run (JIT included, as in a fresh CLI process, for the first size only), median
/// and minimum of the repeats, share of the summed phases, and managed bytes allocated. An end-to-end row
/// (<see cref="AllocationEngine.Solve(ReadOnlyMemory{byte}, SolveOptions?, CancellationToken)"/> plus writing)
/// checks that the phases add up. Arguments: <c>--sizes L</c> (default L), <c>--runs 3</c>, <c>--backend highs</c> (the default),
/// <c>--csv FILE</c> (appends rows: size,phase,first_s,median_s,min_s,allocated_mb).
/// </summary>
internal static class PhaseReport
{
    private static readonly string[] PhaseNames =
    [
        "Parse + validate",
        "Build problem + LP",
        "Solve (backend load + 2 stages)",
        "Extract + assemble",
        "Write result JSON",
    ];

    public static int Run(string[] args)
    {
        var sizes = BenchSizes.Parse(Value(args, "--sizes") ?? "L");
        var runs = int.Parse(Value(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var backend = Value(args, "--backend") ?? BackendCatalog.Default;
        var csv = Value(args, "--csv");
        if (runs < 1) throw new ArgumentException("--runs must be at least 1");

        foreach (var size in sizes)
        {
            var clock = Stopwatch.StartNew();
            var json = Workload.Generate(size);
            var generateSeconds = clock.Elapsed.TotalSeconds;

            var samples = new List<Sample[]>();
            LpSize model = default;
            for (var r = 0; r <= runs; r++) samples.Add(RunOnce(json, backend, out model));

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"### Phases at {size} (seed {BenchSizes.Seed}, {backend}): {model.Columns:N0} variables, {model.Rows:N0} constraints, {model.Terms:N0} nonzeros");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"| Phase | first run (s) | median of {runs} (s) | min (s) | share | allocated (MB) |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|");
            var medians = Enumerable.Range(0, PhaseNames.Length).Select(p => Median(samples.Skip(1).Select(s => s[p].Seconds))).ToArray();
            var sum = medians.Sum();
            var rows = new List<(string Name, double First, double Median, double Min, double? Share, double Mb)>();
            for (var p = 0; p <= PhaseNames.Length + 1; p++)
            {
                var name = p < PhaseNames.Length ? PhaseNames[p] : p == PhaseNames.Length ? "**Sum of phases**" : "End to end (engine + write)";
                var first = p < PhaseNames.Length + 1 ? At(samples[0], p) : samples[0][^1].Seconds;
                var repeats = samples.Skip(1).Select(s => p < PhaseNames.Length + 1 ? At(s, p) : s[^1].Seconds).ToList();
                var megabytes = Median(samples.Skip(1).Select(s => p < PhaseNames.Length ? s[p].Bytes
                    : p == PhaseNames.Length ? s.Take(PhaseNames.Length).Sum(x => x.Bytes) : s[^1].Bytes)) / 1e6;
                var median = Median(repeats);
                rows.Add((name, first, median, repeats.Min(), p < PhaseNames.Length ? median / sum : null, megabytes));
            }
            foreach (var row in rows)
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Name} | {row.First:F3} | {row.Median:F3} | {row.Min:F3} | {(row.Share is { } s ? s.ToString("P1", CultureInfo.InvariantCulture) : "")} | {row.Mb:F1} |");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Generating the scenario took {generateSeconds:F2} s (not part of a solve). Peak RSS of this process so far: {PeakRssMegabytes():F0} MB. Solver's own clock (median): {Median(samples.Skip(1).Select(s => s[2].SolverSeconds)):F3} s.");
            Console.WriteLine(text.ToString());

            if (csv is not null)
            {
                var newFile = !File.Exists(csv);
                using var writer = new StreamWriter(csv, append: true) { NewLine = "\n" };
                if (newFile) writer.WriteLine("size,phase,first_s,median_s,min_s,allocated_mb");
                foreach (var row in rows)
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{size},\"{row.Name.Trim('*')}\",{row.First:F4},{row.Median:F4},{row.Min:F4},{row.Mb:F2}"));
            }
        }
        return 0;
    }

    private readonly record struct LpSize(int Columns, int Rows, int Terms);

    private readonly record struct Sample(double Seconds, long Bytes, double SolverSeconds = 0);

    /// <summary>The chained phases once, then the engine end to end once: <c>PhaseNames.Length + 1</c> samples.</summary>
    private static Sample[] RunOnce(byte[] json, string backend, out LpSize size)
    {
        var samples = new Sample[PhaseNames.Length + 1];
        var request = Measure(() => Phases.ParseAndValidate(json), out samples[0]);
        var (problem, formulation) = Measure(() => Phases.Build(request), out samples[1]);
        var outcome = Measure(() => Phases.Solve(formulation, backend), out samples[2]);
        samples[2] = samples[2] with { SolverSeconds = outcome.SolveSeconds };
        var result = Measure(() => Phases.Assemble(request, problem, formulation, outcome, formulation.Extract(outcome.Primal!), backend), out samples[3]);
        if (result.Status != "optimal")
            throw new InvalidOperationException($"the plan is {result.Status}: {result.Message}");
        Measure(() => Phases.Write(result), out samples[4]);
        size = new LpSize(formulation.Model.ColumnCount, formulation.Model.RowCount, formulation.Model.TermCount);
        Measure(() => Phases.EndToEnd(json, backend), out samples[5]);
        return samples;
    }

    private static T Measure<T>(Func<T> phase, out Sample sample)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var value = phase();
        var seconds = clock.Elapsed.TotalSeconds;
        sample = new Sample(seconds, GC.GetTotalAllocatedBytes(precise: true) - before);
        return value;
    }

    /// <summary>Seconds of phase <paramref name="p"/>, or of all phases summed when <paramref name="p"/> is one past the last.</summary>
    private static double At(Sample[] run, int p) => p < PhaseNames.Length ? run[p].Seconds : run.Take(PhaseNames.Length).Sum(s => s.Seconds);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Median(IEnumerable<long> values) => Median(values.Select(v => (double)v));

    /// <summary>VmHWM from /proc/self/status (Linux); 0 elsewhere.</summary>
    private static double PeakRssMegabytes()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return 0;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
