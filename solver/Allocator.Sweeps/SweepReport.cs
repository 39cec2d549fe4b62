namespace Allocator.Sweeps;

/// <summary>What one sweep run did with its shard.</summary>
/// <param name="Shard">The shard run.</param>
/// <param name="Scenarios">Scenarios (distinct requests) in the shard.</param>
/// <param name="Skipped">Those whose result was already in the output folder.</param>
/// <param name="Solved">Those solved and written by this run.</param>
/// <param name="NotSolved">Of <paramref name="Solved"/>, those whose result has status <c>not_solved</c> (written all the same).</param>
/// <param name="Refused">Scenarios the engine refused while solving (a size limit), with why; nothing was written for them.</param>
public sealed record SweepReport(Shard Shard, int Scenarios, int Skipped, int Solved, int NotSolved, IReadOnlyList<string> Refused);
