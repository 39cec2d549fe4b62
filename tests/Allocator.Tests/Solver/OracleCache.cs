using System.Collections.Concurrent;
using Allocator.Models;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// Oracle solutions shared by the tests that compare several backends on the same requests, so glpsol runs once
/// per request rather than once per backend.
/// </summary>
internal static class OracleCache
{
    private static readonly ConcurrentDictionary<string, Lazy<OracleSolution>> Solutions = new();

    /// <summary>The oracle's solution of <paramref name="request"/>, known by <paramref name="key"/>.</summary>
    public static OracleSolution Get(string key, AllocationRequest request) =>
        Solutions.GetOrAdd(key, _ => new Lazy<OracleSolution>(() => GlpkOracle.Solve(request)!)).Value;
}

/// <summary>A small generated request, shared: generating and validating it costs about a second.</summary>
internal static class MediumRequest
{
    private static readonly Lazy<AllocationRequest> Instance =
        new(() => Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset("M"), 1));

    /// <summary><c>ScenarioGenerator.Generate(ScenarioSize.Preset("M"), 1)</c>.</summary>
    public static AllocationRequest Value => Instance.Value;
}
