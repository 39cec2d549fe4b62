using System.Diagnostics;
using Xunit.Abstractions;

namespace Allocator.Tests.Fuzz;

/// <summary>
/// Corpus-based fuzzing of the input path, in process: mutated requests must end as a valid plan (exit 0) or clear
/// input errors (exit 2), never an exception, <c>not_solved</c> or a hang. Fixed seed and bounded count in CI;
/// <c>ALLOCATOR_FUZZ_SECONDS=3600 ALLOCATOR_FUZZ_SEED=$RANDOM</c> runs longer locally (docs/reliability.md).
/// Failing inputs are written to <c>bin/.../fuzz-failures/</c>; copy them to <c>Fuzz/regressions/</c>.
/// </summary>
public class InputFuzzTests(ITestOutputHelper output)
{
    private static int Env(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var n) ? n : fallback;

    [Fact]
    public void Solve_MutatedRequests_EndInPlanOrInputErrors()
    {
        var seed = Env("ALLOCATOR_FUZZ_SEED", 20241124);
        var seconds = Env("ALLOCATOR_FUZZ_SECONDS", 45);
        var maxInputs = Env("ALLOCATOR_FUZZ_INPUTS", 4000);
        var rng = new Random(seed);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var (plans, errors, count) = (0, 0, 0);
        for (; count < maxInputs && clock.Elapsed.TotalSeconds < seconds && failures.Count < 5; count++)
        {
            var parent = FuzzHarness.Corpus[rng.Next(FuzzHarness.Corpus.Count)];
            var input = Mutator.Mutate(parent, rng);
            var (problem, plan) = FuzzHarness.Run(input);
            if (problem is not null)
                failures.Add($"input #{count} (saved as {FuzzHarness.SaveFailure(input, "inproc")}): {problem}");
            else if (plan) plans++;
            else errors++;
        }
        output.WriteLine($"seed {seed}: {count} inputs in {clock.Elapsed.TotalSeconds:F1} s, {plans} plans, {errors} rejected, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(count >= Math.Min(maxInputs, 500), $"only {count} inputs in {seconds} s: the fuzz test is too slow to mean much");
    }
}
