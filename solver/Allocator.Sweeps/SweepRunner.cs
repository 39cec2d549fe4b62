using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text;
using Allocator.Models;
using Allocator.Solver;

namespace Allocator.Sweeps;

/// <summary>
/// Solves one shard of a sweep into an output folder, in parallel, skipping every scenario whose result is
/// already there. Results are written atomically (<see cref="SweepFiles"/>), so after a crash or a kill the
/// same command resumes where it stopped, and several workers may share the folder.
/// </summary>
public static class SweepRunner
{
    /// <summary>
    /// Runs <paramref name="shard"/> of <paramref name="plan"/> into <paramref name="folder"/> (created if needed),
    /// at most <paramref name="parallelism"/> solves at a time; <paramref name="progress"/> hears of each scenario
    /// finished (solved or skipped). Writes the folder's <c>sweep.json</c> first.
    /// </summary>
    /// <exception cref="SweepFolderException">The folder holds another sweep.</exception>
    public static SweepReport Run(SweepPlan plan, string folder, Shard shard, SolveOptions options, int parallelism,
        Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        if (SweepIndex.Claim(folder, plan) is { } problem) throw new SweepFolderException(problem);

        var mine = shard.Select(plan.Scenarios).ToList();
        var todo = mine.Where(s => !File.Exists(Path.Combine(folder, SweepFiles.ResultName(s.Id)))).ToList();
        var skipped = mine.Count - todo.Count;
        var done = skipped;
        var notSolved = 0;
        var solved = 0;
        var refused = new ConcurrentBag<(int Index, string Why)>();
        progress?.Invoke(done, mine.Count);

        try
        {
            SolveAll();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OperationCanceledException))
        {
            throw new OperationCanceledException("the sweep was cancelled", e, cancellationToken);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); // the one failure, not "one or more errors occurred"
        }
        return new SweepReport(shard, mine.Count, skipped, solved, notSolved,
            refused.OrderBy(r => r.Index).Select(r => r.Why).ToList());

        void SolveAll() => Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, scenario =>
        {
            var path = Path.Combine(folder, SweepFiles.ResultName(scenario.Id));
            // Another worker on the same folder (the same shard started twice, or a retried pod) may have finished it.
            if (!File.Exists(path))
            {
                var outcome = AllocationEngine.Solve(plan.RequestBytes(scenario), options, cancellationToken);
                if (outcome.Result is { } result)
                {
                    SweepFiles.WriteAtomically(path, Encoding.UTF8.GetBytes(AllocatorJson.Serialize(result) + "\n"));
                    Interlocked.Increment(ref solved);
                    if (result.Status == "not_solved") Interlocked.Increment(ref notSolved);
                }
                else
                    refused.Add((scenario.Index, $"scenario {scenario.Index} ({scenario.Id}): {string.Join("; ", outcome.Errors)}"));
            }
            progress?.Invoke(Interlocked.Increment(ref done), mine.Count);
        });
    }
}
