using Allocator.Solver.Backends;
using System.Text;
using Allocator.Models;
using Allocator.Scenarios;
using Allocator.Scenarios.Hard;
using Allocator.Solver;
using Allocator.Solver.Staging;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;
using Allocator.Solver.Results;

namespace Allocator.Bench;

/// <summary>
/// One generated scenario and every intermediate product of solving it, so that each phase of the pipeline can
/// be run on its own with real inputs. The phases chain exactly as <see cref="AllocationEngine"/> chains them
/// (pooled formulation, the engine's default backend unless told otherwise); <see cref="Prepare"/> runs them once and checks the plan
/// is optimal, so a benchmark of a broken pipeline fails instead of timing garbage.
/// </summary>
internal sealed class Workload
{
    public required string Size { get; init; }
    public required string Backend { get; init; }

    /// <summary>The request as the CLI reads it: UTF-8 JSON, exactly what <c>allocator generate</c> writes.</summary>
    public required byte[] RequestJson { get; init; }

    public required AllocationRequest Request { get; init; }
    public required AllocationProblem Problem { get; init; }
    public required PooledFormulation Formulation { get; init; }
    public required LpOutcome Outcome { get; init; }
    public required PlanDraft Draft { get; init; }
    public required AllocationResult Result { get; init; }

    /// <summary>The preset's request (seed <see cref="BenchSizes.Seed"/>) as the CLI's <c>generate</c> writes it.</summary>
    public static byte[] Generate(string size) =>
        Encoding.UTF8.GetBytes(AllocatorJson.Serialize(BenchSizes.IsHard(size)
            ? HardScenarioGenerator.Generate(HardStructure.Named(size), BenchSizes.Seed)
            : ScenarioGenerator.Generate(ScenarioSize.Preset(size), BenchSizes.Seed)) + "\n");

    public static Workload Prepare(string size, string backend = BackendCatalog.Default)
    {
        var json = Generate(size);
        var request = Phases.ParseAndValidate(json);
        var (problem, formulation) = Phases.Build(request);
        var outcome = Phases.Solve(formulation, backend);
        if (outcome.Status != LpStatus.Optimal || outcome.Primal is null)
            throw new InvalidOperationException($"{size}: the {backend} solve ended {outcome.Status}: {outcome.Message}");
        var draft = formulation.Extract(outcome.Primal);
        var result = Phases.Assemble(request, problem, formulation, outcome, draft, backend);
        if (result.Status != "optimal")
            throw new InvalidOperationException($"{size}: the assembled plan is {result.Status}: {result.Message}");
        return new Workload
        {
            Size = size, Backend = backend, RequestJson = json, Request = request, Problem = problem,
            Formulation = formulation, Outcome = outcome, Draft = draft, Result = result,
        };
    }
}

/// <summary>The pipeline's phases, one method each, shared by the BenchmarkDotNet benchmarks and <c>--phases</c>.</summary>
internal static class Phases
{
    /// <summary>Read and validate request JSON (<see cref="AllocationEngine.Read"/>).</summary>
    public static AllocationRequest ParseAndValidate(byte[] json)
    {
        var (request, errors, _) = AllocationEngine.Read(json);
        return request ?? throw new InvalidOperationException(
            $"the request is invalid: {string.Join("; ", errors.Take(5).Select(e => $"{e.Path}: {e.Message}"))}");
    }

    /// <summary>The engine's problem and exact pooled LP (<see cref="ProblemBuilder"/> + <see cref="PooledFormulation"/>).</summary>
    public static (AllocationProblem Problem, PooledFormulation Formulation) Build(AllocationRequest request)
    {
        var problem = ProblemBuilder.Build(request);
        return (problem, new PooledFormulation(problem));
    }

    /// <summary>Both lexicographic stages, including loading the model into the backend.</summary>
    public static LpOutcome Solve(PooledFormulation formulation, string backend) =>
        StagedSolver.Solve(formulation.Model, backend, null, CancellationToken.None);

    /// <summary>Read the plan off the primal point and assemble the contract's result.</summary>
    public static AllocationResult ExtractAndAssemble(Workload w) =>
        Assemble(w.Request, w.Problem, w.Formulation, w.Outcome, w.Formulation.Extract(w.Outcome.Primal!), w.Backend);

    public static AllocationResult Assemble(AllocationRequest request, AllocationProblem problem, PooledFormulation formulation,
        LpOutcome outcome, PlanDraft draft, string backend)
    {
        var diagnostics = new Models.Diagnostics
        {
            Backend = backend,
            Variables = formulation.Model.ColumnCount,
            Constraints = formulation.Model.RowCount,
            SolveSeconds = Math.Round(outcome.SolveSeconds, 3),
            InputSha256 = new string('0', 64),
            EngineVersion = AllocationEngine.Version,
        };
        return PlanAssembler.Assemble(request, problem, draft, outcome.Status, outcome.Message, diagnostics);
    }

    /// <summary>Serialise the result and encode it as the CLI does (a StreamWriter, here over <see cref="Stream.Null"/>).</summary>
    public static int Write(AllocationResult result)
    {
        var json = AllocatorJson.Serialize(result);
        using var writer = new StreamWriter(Stream.Null) { NewLine = "\n" };
        writer.WriteLine(json);
        return json.Length;
    }

    /// <summary>What <c>allocator solve FILE</c> does between reading the file and writing the result.</summary>
    public static int EndToEnd(byte[] json, string backend)
    {
        var outcome = AllocationEngine.Solve(json, new SolveOptions { Backend = backend });
        var result = outcome.Result ?? throw new InvalidOperationException("the request is invalid");
        return Write(result);
    }
}
