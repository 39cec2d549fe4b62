using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// Every available LP backend against the exact oracle: the exact (simplex/interior-point) backends must find the
/// lexicographic optimum; pdlp, a first-order method, must say its plan is approximate and still give a valid one.
/// </summary>
public class BackendTests
{
    private const string Pdlp = "pdlp";
    private const int SeedCount = 30;

    // PDLP can stall rather than converge (random seed 1 runs its second stage into the engine's 60 s safety
    // limit); an explicit limit keeps the suite short. A stopped stage still gives a valid, reported plan.
    private const double PdlpSeconds = 5;

    private static IEnumerable<string> ExactBackends => AllocationEngine.Backends.Where(b => b != Pdlp);

    public static TheoryData<string, int> ExactBackendSeeds()
    {
        var data = new TheoryData<string, int>();
        foreach (var backend in ExactBackends)
            for (var seed = 0; seed < SeedCount; seed++)
                data.Add(backend, seed);
        return data;
    }

    public static TheoryData<string, string> ExactBackendExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in ExactBackends)
            foreach (var example in Examples.All)
                data.Add(backend, example);
        return data;
    }

    public static TheoryData<string> PdlpCases()
    {
        var data = new TheoryData<string>();
        if (!AllocationEngine.Backends.Contains(Pdlp)) return data;
        foreach (var example in Examples.All) data.Add(example);
        for (var seed = 0; seed < SeedCount; seed++) data.Add($"seed {seed}");
        return data;
    }

    // The default backend talks to HiGHS through its C API (warm stages); if the library stopped loading, highs
    // would quietly fall back to OR-Tools' interface and lose most of its speed at scale. Fail loudly instead.
    [Fact]
    public void Highs_NativeLibraryLoads()
    {
        Assert.True(Allocator.Solver.Backends.HighsApi.IsAvailable, "HiGHS's C API (libhighs from the OR-Tools runtime package) did not load");
        using var session = Allocator.Solver.Backends.LpSessions.Open(new Allocator.Solver.Lp.LpModel(), "highs");
        Assert.IsType<Allocator.Solver.Backends.HighsSession>(session);
    }

    [Fact]
    public void Backends_Always_IncludeTheDefaultGlop()
    {
        Assert.Contains("glop", AllocationEngine.Backends);
    }

    [Fact]
    public void KnownBackends_HoldEveryAvailableOne_InOrder()
    {
        // The CLI's help lists the known names without loading OR-Tools (BackendCatalog.Available probes on first read).
        Assert.Equal(["clp", "glop", "highs", "pdlp"], AllocationEngine.KnownBackends);
        Assert.All(AllocationEngine.Backends, name => Assert.Contains(name, AllocationEngine.KnownBackends));
        Assert.Equal(AllocationEngine.Backends.Order(StringComparer.Ordinal), AllocationEngine.Backends);
        Assert.Equal(AllocationEngine.Backends.Count, AllocationEngine.Backends.ToList().Count);
        Assert.Equal(AllocationEngine.Backends[0], AllocationEngine.Backends.First());
    }

    [GlpkTheory]
    [MemberData(nameof(ExactBackendSeeds))]
    public void Solve_RandomRequestWithExactBackend_AgreesWithOracle(string backend, int seed)
    {
        AssertOptimal(backend, RandomRequests.Create(seed), $"seed {seed}");
    }

    [GlpkTheory]
    [MemberData(nameof(ExactBackendExamples))]
    public void Solve_ExampleWithExactBackend_AgreesWithOracle(string backend, string example)
    {
        AssertOptimal(backend, Examples.Request(example), example);
    }

    [GlpkTheory]
    [MemberData(nameof(PdlpCases))]
    public void Solve_Pdlp_ValidApproximatePlanReportedAsFeasible(string name)
    {
        var request = Request(name);
        var result = AllocationEngine.Solve(request, new SolveOptions { Backend = Pdlp, TimeLimitSeconds = PdlpSeconds });

        var context = $"{name}\n{RequestReader.Write(request)}";
        var violations = PlanChecker.Check(request, result);
        Assert.True(violations.Count == 0, $"{string.Join("\n", violations)}\n{context}");
        if (result.Diagnostics.Backend == Pdlp)
        {
            Assert.True(result.Status == "feasible", $"status {result.Status} ({result.Message})\n{context}");
            Assert.False(string.IsNullOrWhiteSpace(result.Message), "a feasible result must say why it is not optimal");
            // PDLP is approximate; the engine's message promises 1e-4 (seed 7 measured 1.4e-5).
            OracleTolerance.AssertValue(OracleCache.Get(name, request), result.Summary.Value, context, relative: 1e-4);
        }
        else
            AssertRecoveredFromPdlp(result, OracleCache.Get(name, request), context);
    }

    // Smallest request found (from random seed 14) where pdlp's plan breaks the producer-share cap. Money can only
    // be committed in period 0 (lead time 1, P = 2). Producer p2's line "filler" (2.5 EUR = 3.125 USD, 2 units)
    // takes at most 6.25 USD and serves no need, so with m = 0.5 producer p1 ("gun": 20 USD) may take at most
    // 6.25 USD too: 0.3125 units worth 10/4 each. V* = 0.78125, C* = 12.5. The plan must respect the cap.
    [Fact]
    public void Solve_PdlpWithBindingShareCap_PlanRespectsCap()
    {
        if (!AllocationEngine.Backends.Contains(Pdlp)) return;
        var request = TestRequests.Parse("""
            {
              "schemaVersion": "1", "baseCurrency": "USD", "exchangeRates": { "EUR": 1.25 }, "horizon": { "periods": 2 },
              "donors": [ { "id": "d", "tranches": [ { "amount": 140, "currency": "USD" } ] } ],
              "lines": [
                { "id": "gun", "producer": "p1", "country": "UA", "category": "a", "unitCost": 20, "currency": "USD", "leadTime": 1, "capacity": 4 },
                { "id": "filler", "producer": "p2", "country": "PL", "category": "b", "unitCost": 2.5, "currency": "EUR", "leadTime": 1, "capacity": 2 }
              ],
              "needs": [ { "id": "n", "category": "a", "quantity": 4, "priority": 10, "dueBy": 1, "lateDecay": 0.1 } ],
              "policy": { "maxProducerShare": 0.5 }
            }
            """);

        var result = AllocationEngine.Solve(request, new SolveOptions { Backend = Pdlp, TimeLimitSeconds = PdlpSeconds });

        Assert.Equal(result.Diagnostics.Backend == Pdlp ? "feasible" : "optimal", result.Status);
        var violations = PlanChecker.Check(request, result);
        Assert.True(violations.Count == 0, $"{string.Join("\n", violations)}\n{result.Message}");
        Assert.True(Math.Abs(result.Summary.Value - 0.78125) <= 1e-5 * 0.78125, $"value {result.Summary.Value:R}, V* 0.78125");
    }

    /// <summary>
    /// Where PDLP fails a stage outright, the staged solve recovers on an exact backend (a numerical failure is never
    /// the user's problem): the plan is then a proven optimum, and the solve path says what PDLP did.
    /// </summary>
    private static void AssertRecoveredFromPdlp(AllocationResult result, OracleSolution oracle, string context)
    {
        Assert.True(result.Status == "optimal", $"status {result.Status} ({result.Message})\n{context}");
        Assert.Contains(result.Diagnostics.SolvePath!, step => step.Contains(Pdlp, StringComparison.Ordinal));
        Assert.True(result.Diagnostics.Certificate is { Passed: true }, $"certificate: {result.Diagnostics.Certificate?.Failure}\n{context}");
        OracleTolerance.AssertValue(oracle, result.Summary.Value, context, relative: 1e-6);
    }

    [Fact]
    public void Solve_UnknownBackendInRequest_IsInputErrorAtSolverBackend()
    {
        var json = SetBackend(Examples.Json(Examples.LateDelivery), "\"nosuch\"");

        var outcome = AllocationEngine.Solve(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Null(outcome.Result);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("$.solver.backend", error.Path);
        Assert.Contains("nosuch", error.Message);
    }

    [Fact]
    public void Solve_UnknownBackendInRequestObject_ThrowsInvalidRequest()
    {
        // RequestReader checks the shape only; the backend is checked against this installation by the engine.
        var request = RequestReader.Read(SetBackend(Examples.Json(Examples.LateDelivery), "\"nosuch\"")).Request!;

        var error = Assert.Throws<InvalidRequestException>(() => AllocationEngine.Solve(request));

        Assert.Contains(error.Errors, e => e.Path == "$.solver.backend");
    }

    // SolveOptions.Backend overrides solver.backend, so the contract's rule ("an unknown or unavailable backend is
    // an input error") applies to it as well: it must not surface as an internal error (KeyNotFoundException).
    [Fact]
    public void Solve_UnknownBackendInOptions_IsInputError()
    {
        var bytes = File.ReadAllBytes(Examples.PathOf(Examples.LateDelivery));

        var outcome = AllocationEngine.Solve(bytes, new SolveOptions { Backend = "nosuch" });

        Assert.Null(outcome.Result);
        Assert.Contains(outcome.Errors, e => e.Message.Contains("nosuch"));
    }

    [Fact]
    public void Solve_UnknownBackendInOptionsForRequestObject_ThrowsInvalidRequest()
    {
        var request = Examples.Request(Examples.LateDelivery);

        var error = Assert.Throws<InvalidRequestException>(() => AllocationEngine.Solve(request, new SolveOptions { Backend = "nosuch" }));

        Assert.Contains(error.Errors, e => e.Message.Contains("nosuch"));
    }

    [Theory]
    [InlineData("GLOP", "glop")]
    [InlineData("Glop", "glop")]
    [InlineData("HiGHS", "highs")]
    [InlineData("CLP", "clp")]
    public void Solve_BackendNameInAnyCase_SelectsThatBackend(string name, string expected)
    {
        if (!AllocationEngine.Backends.Contains(expected)) return; // not in this build of OR-Tools

        var fromRequest = AllocationEngine.Solve(System.Text.Encoding.UTF8.GetBytes(SetBackend(Examples.Json(Examples.LateDelivery), $"\"{name}\"")));
        var fromOptions = AllocationEngine.Solve(Examples.Request(Examples.LateDelivery), new SolveOptions { Backend = name });

        Assert.Empty(fromRequest.Errors);
        foreach (var result in new[] { fromRequest.Result!, fromOptions })
        {
            Assert.Equal("optimal", result.Status);
            Assert.Equal(expected, result.Diagnostics.Backend);
            Assert.Equal(26.4, result.Summary.Value, 6);
        }
    }

    private static void AssertOptimal(string backend, AllocationRequest request, string name)
    {
        var oracle = OracleCache.Get(name, request);

        var result = AllocationEngine.Solve(request, new SolveOptions { Backend = backend });

        var context = $"{backend}, {name}\n{RequestReader.Write(request)}";
        Assert.True(result.Status == "optimal", $"status {result.Status} ({result.Message})\n{context}");
        Assert.Equal(backend, result.Diagnostics.Backend);
        var violations = PlanChecker.Check(request, result);
        Assert.True(violations.Count == 0, $"{string.Join("\n", violations)}\n{context}");
        OracleTolerance.AssertValue(oracle, result.Summary.Value, context);
        OracleTolerance.AssertCommitted(oracle, result.Summary.Committed, context);
    }

    private static AllocationRequest Request(string name) =>
        name.StartsWith("seed ", StringComparison.Ordinal) ? RandomRequests.Create(int.Parse(name[5..])) : Examples.Request(name);

    /// <summary>The request JSON with <c>"solver": { "backend": VALUE }</c> added.</summary>
    private static string SetBackend(string json, string value)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        root["solver"] = System.Text.Json.Nodes.JsonNode.Parse($"{{ \"backend\": {value} }}");
        return root.ToJsonString();
    }
}
