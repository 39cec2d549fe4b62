using System.Diagnostics;
using System.Text;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;
using Allocator.Tests.Solver.WholeUnits;
using Xunit.Abstractions;

namespace Allocator.Tests.Fuzz;

/// <summary>
/// Contract 1.1 under mutation: requests with lots and minimum orders (the 2024 example in whole units and small random
/// ones), mutated, must end as clear input errors, a plan that passes the checker (lots included), or <c>not_solved</c>
/// because the time limit came first; never an exception or a hang. A MIP's solve time has no bound, so every solve
/// gets a 5 s limit (the main fuzz test leaves these requests out for that reason).
/// </summary>
public class WholeUnitFuzzTests(ITestOutputHelper output)
{
    private static readonly SolveOptions Options = FuzzHarness.Options with { TimeLimitSeconds = 5, Explain = ExplainLevel.Reasons };

    private static IReadOnlyList<byte[]> Corpus() =>
    [
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "ukraine-2024-whole-units.json")),
        .. Enumerable.Range(0, 12).Select(seed => Encoding.UTF8.GetBytes(RequestReader.Write(WholeUnitOracleTests.WithWholeUnits(seed)))),
    ];

    [Fact]
    public async Task Solve_MutatedRequestsWithLots_EndInPlanInputErrorsOrATimeLimit()
    {
        var rng = new Random(20261202);
        var corpus = Corpus();
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var (plans, count) = (0, 0);
        for (; count < 300 && clock.Elapsed.TotalSeconds < 30 && failures.Count < 5; count++)
        {
            var input = Mutator.Mutate(corpus[rng.Next(corpus.Count)], rng);
            var run = Task.Run(() => Judge(input));
            var problem = await Task.WhenAny(run, Task.Delay(FuzzHarness.Watchdog)) == run ? await run : $"no answer within {FuzzHarness.Watchdog.TotalSeconds} s (a hang)";
            if (problem is not null) failures.Add($"input #{count} (saved as {FuzzHarness.SaveFailure(input, "lots")}): {problem}");
            else plans++;
        }
        output.WriteLine($"{count} inputs in {clock.Elapsed.TotalSeconds:F1} s, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(count >= 20, $"only {count} inputs in 30 s");
    }

    private static string? Judge(byte[] input)
    {
        SolveOutcome outcome;
        try
        {
            outcome = AllocationEngine.Solve(input, Options);
        }
        catch (Exception e)
        {
            return $"unhandled {e.GetType().Name}: {e}";
        }
        if (outcome.Result is not { } result)
            return outcome.Errors.Count > 0 && outcome.Errors.All(e => e.Path.StartsWith('$')) ? null : "neither a result nor input errors with paths";
        if (result.Status == "not_solved")
            return result.Message?.Contains("time limit", StringComparison.Ordinal) == true ? null : $"status not_solved: {result.Message}";
        var violations = PlanChecker.Check(outcome.Request!, result);
        return violations.Count == 0 ? null : $"status {result.Status}, plan breaks the contract: {string.Join("; ", violations.Take(5))}";
    }
}
