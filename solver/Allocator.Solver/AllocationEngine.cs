using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Allocator.Models;
using Allocator.Solver.Backends;
using Allocator.Solver.Certification;
using Allocator.Solver.Explanations;
using Allocator.Solver.Formulation;
using Allocator.Solver.Limits;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;
using Allocator.Solver.Results;
using Allocator.Solver.Staging;

namespace Allocator.Solver;

/// <summary>
/// The allocation engine: validates a contract-v1 request, builds the exact LP, solves it lexicographically
/// (maximise urgency-weighted value, then minimise committed money) and returns the plan. Thread-safe: each
/// call builds its own model and solver.
/// </summary>
public static class AllocationEngine
{
    /// <summary>Version of the engine, reported in every result's diagnostics.</summary>
    public static string Version { get; } =
        typeof(AllocationEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>LP backends available in this installation; <c>highs</c> is the default. Probed when first read.</summary>
    public static IReadOnlyList<string> Backends => BackendCatalog.Available;

    /// <summary>Every backend name a request may give (<see cref="Backends"/> says which this installation links), known without probing.</summary>
    public static IReadOnlyList<string> KnownBackends => BackendCatalog.Known;

    /// <summary>Every contract rule the request breaks; empty when it is valid.</summary>
    public static IReadOnlyList<InputError> Validate(AllocationRequest request) => RequestValidator.Validate(request, Backends);

    /// <summary>
    /// Reads request JSON and checks every contract rule: the shape (types, required and unknown properties) and
    /// the cross-field rules, all reported together. The request is null unless there are no errors.
    /// </summary>
    public static (AllocationRequest? Request, IReadOnlyList<InputError> Errors, string InputSha256) Read(ReadOnlyMemory<byte> requestJson)
    {
        var read = RequestReader.Read(requestJson);
        if (read.Request is null) return (null, read.Errors, read.InputSha256);
        var errors = read.Errors.Concat(Validate(read.Request)).ToList();
        return (errors.Count == 0 ? read.Request : null, errors, read.InputSha256);
    }

    /// <summary>Reads, validates and solves request JSON; the outcome holds either errors or a result.</summary>
    public static SolveOutcome Solve(ReadOnlyMemory<byte> requestJson, SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        // The time limit counts from here: reading a large request is part of the wait.
        var clock = Stopwatch.StartNew();
        var optionErrors = ValidateOptions(options);
        if (optionErrors.Count > 0) return new SolveOutcome(null, optionErrors);
        if (ModelLimits.CheckRequestBytes(requestJson.Length, options) is { } tooLarge) return new SolveOutcome(null, [tooLarge]);
        var read = Read(requestJson);
        if (read.Request is null) return new SolveOutcome(null, read.Errors);
        // The caller's options as given, with the hash of the bytes as received rather than of the canonical JSON.
        var effective = (options ?? new SolveOptions()) with { InputSha256 = read.InputSha256 };
        try
        {
            // Read has checked every contract rule already.
            return new SolveOutcome(Solve(read.Request, effective, cancellationToken, clock, validated: true), []) { Request = read.Request };
        }
        catch (InvalidRequestException e)
        {
            return new SolveOutcome(null, e.Errors) { Request = read.Request }; // limits found while solving (Limits/ModelLimits.cs)
        }
    }

    /// <summary>Solves a request.</summary>
    /// <exception cref="InvalidRequestException">The request breaks the contract.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the solver was interrupted.</exception>
    public static AllocationResult Solve(AllocationRequest request, SolveOptions? options = null, CancellationToken cancellationToken = default) =>
        Solve(request, options, cancellationToken, Stopwatch.StartNew(), validated: false);

    /// <summary>Solves a request, the time limit counting from when <paramref name="clock"/> started.</summary>
    /// <param name="request">The request.</param>
    /// <param name="options">The caller's overrides.</param>
    /// <param name="cancellationToken">Interrupts the solver.</param>
    /// <param name="clock">Started when the request arrived: the time limit and <c>totalSeconds</c> count from then.</param>
    /// <param name="validated">The request's own rules were checked as it was read (<see cref="Read"/>).</param>
    internal static AllocationResult Solve(AllocationRequest request, SolveOptions? options, CancellationToken cancellationToken, Stopwatch clock, bool validated)
    {
        var errors = (validated ? [] : Validate(request)).Concat(ValidateOptions(options, request)).ToList();
        if (errors.Count > 0) throw new InvalidRequestException(errors);
        cancellationToken.ThrowIfCancellationRequested();
        ModelLimits.Enforce(request, options); // size caps, before anything large is built (Limits/ModelLimits.cs)

        var backend = BackendCatalog.Normalise(options?.Backend ?? request.Solver?.Backend);
        var timeLimit = options?.TimeLimitSeconds ?? request.Solver?.TimeLimitSeconds;
        var problem = ProblemBuilder.Build(request);
        IFormulation formulation = options?.Formulation == FormulationKind.Plain
            ? new PlainFormulation(problem, options?.TieRule ?? request.Solver?.TieRule ?? true)
            : new PooledFormulation(problem, options?.TieRule ?? request.Solver?.TieRule ?? true, options?.HubMinimumUse ?? MoneyHubs.MinimumUse);
        var stageNames = problem.StageTiers.Select(t => t is { } tier ? $"tier {tier}" : "the needs without a tier").ToList();
        var mip = problem.HasWholeUnits ? new MipSettings(request.Solver?.MipGap ?? WholeUnitRules.DefaultMipGap, formulation.Scales.Value) : null;

        // The explanations' plan-independent work starts now and runs alongside the solve.
        var explainer = PlanExplainer.Start(request, problem, formulation, backend, options?.Explain ?? ExplainLevel.Auto, timeLimit, cancellationToken);
        LpOutcome outcome;
        AllocationResult result;
        Diagnostics diagnostics;
        try
        {
            // What is left of the limit once the request is read and its LP built (building research's takes seconds).
            outcome = StagedSolver.Solve(formulation.Model, backend, Left(timeLimit, clock), cancellationToken, stageNames, mip: mip);
            if (outcome.Status == LpStatus.NotSolved && problem.Signed.Count > 0 && problem.MaxProducerShare is < 1
                && outcome.Path.Any(step => step.Contains("infeasible", StringComparison.Ordinal)))
                throw new InvalidRequestException([ShareCapConflict.Describe(request)]);
            (result, diagnostics) = Assemble(request, problem, formulation, outcome, options, stageNames, clock, mip);
            // The clock stopped the value stage with no plan or a poor one: the hand-made baseline, if valid and worth more.
            if (BaselineFallback.Applies(outcome, problem))
            {
                var fallback = BaselineFallback.Outcome(outcome);
                var (planned, planDiagnostics) = Assemble(request, problem, formulation, fallback, options, stageNames, clock, mip, explainer?.BaselineDraft ?? Baseline.Draft(problem));
                if (BaselineFallback.Replaces(planned, result, outcome))
                    (outcome, result, diagnostics) = (fallback, planned, planDiagnostics);
            }
            // A plan that fails its own certificate is never reported optimal: solve again on the other backends
            // (whole lots have one backend: such a plan is reported feasible below).
            if (outcome.Status == LpStatus.Optimal && mip is null && result.Diagnostics.Certificate is { Passed: false } failed)
            {
                var left = Left(timeLimit, clock);
                var retry = left is <= NoTimeLeft ? null : StagedSolver.Solve(formulation.Model, backend, left, cancellationToken, stageNames,
                    skip: new HashSet<string> { outcome.Backend ?? backend });
                var path = outcome.Path.Append($"the plan from {outcome.Backend} failed its certificate ({failed.Failure}): solved again").ToList();
                if (retry is { Status: LpStatus.Optimal })
                {
                    outcome = retry with { Path = [.. path, .. retry.Path] };
                    (result, diagnostics) = Assemble(request, problem, formulation, outcome, options, stageNames, clock, mip);
                }
                if (result.Diagnostics.Certificate is { Passed: false } stillFailed)
                {
                    outcome = outcome with
                    {
                        Status = LpStatus.Feasible,
                        Message = $"the plan is valid to the backends' tolerances but not proven optimal: {stillFailed.Failure}",
                        Path = outcome.Path.Count > path.Count ? outcome.Path : path,
                    };
                    (result, diagnostics) = Assemble(request, problem, formulation, outcome, options, stageNames, clock, mip);
                }
            }
            if (outcome.Status == LpStatus.Optimal && mip is not null && result.Diagnostics.Certificate is { Passed: false } failedLots)
            {
                outcome = outcome with { Status = LpStatus.Feasible, Message = $"the plan in whole lots is valid to HiGHS's tolerances but failed its certificate: {failedLots.Failure}" };
                (result, diagnostics) = Assemble(request, problem, formulation, outcome, options, stageNames, clock, mip);
            }
        }
        catch
        {
            explainer?.Abandon();
            throw;
        }
        if (explainer is not null && outcome.Primal is not null)
        {
            result = result.WithExplanations(explainer.Finish(result, outcome));
            diagnostics.ExplainSeconds = Math.Round(explainer.Seconds, 3);
        }
        else
            explainer?.Abandon();
        if (RequestWarnings.Find(request) is { Count: > 0 } warnings)
            result = result.WithWarnings(warnings);
        diagnostics.TotalSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        return result;
    }

    /// <summary>A stand-in for a limit already spent: the solver stops at once and says the time limit stopped it.</summary>
    private const double NoTimeLeft = 1e-6;

    /// <summary>The seconds left of <paramref name="timeLimit"/> (null: no limit), at least <see cref="NoTimeLeft"/>.</summary>
    private static double? Left(double? timeLimit, Stopwatch clock) => timeLimit - clock.Elapsed.TotalSeconds is { } left ? Math.Max(left, NoTimeLeft) : null;

    /// <summary>
    /// The contract's result for <paramref name="outcome"/>, with its diagnostics and its certificate; the plan is the
    /// outcome's point or, when it has none, <paramref name="planWithoutPoint"/> (<see cref="BaselineFallback"/>).
    /// </summary>
    private static (AllocationResult, Diagnostics) Assemble(AllocationRequest request, AllocationProblem problem, IFormulation formulation,
        LpOutcome outcome, SolveOptions? options, IReadOnlyList<string> stageNames, Stopwatch clock, MipSettings? mip, PlanDraft? planWithoutPoint = null)
    {
        var draft = outcome.Primal is null ? planWithoutPoint : formulation.Extract(outcome.Primal);
        var diagnostics = new Diagnostics
        {
            Backend = outcome.Backend ?? BackendCatalog.Normalise(options?.Backend ?? request.Solver?.Backend),
            Variables = formulation.Model.ColumnCount,
            Constraints = formulation.Model.RowCount,
            SolveSeconds = Math.Round(outcome.SolveSeconds, 3),
            ValueStageSeconds = Math.Round(outcome.ValueStageSeconds, 3),
            MoneyStageSeconds = Math.Round(outcome.MoneyStageSeconds, 3),
            InputSha256 = options?.InputSha256 ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RequestReader.Write(request)))),
            EngineVersion = Version,
            SolvePath = outcome.Path,
        };
        // The margin of a least change proven on the optimal face only, in money: keeping m more moves D = C + P - 2K by 2m.
        var message = outcome.ChangeMargin is { } margin
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{outcome.Message} (summary.change is at most {2 * margin * formulation.Scales.Money:N0} {request.BaseCurrency} above the least possible)")
            : outcome.Message;
        var result = PlanAssembler.Assemble(request, problem, draft, outcome.Status, message, diagnostics,
            outcome.WholeUnits is { } w ? new WholeUnitFigures(w.RelaxedValue * formulation.Scales.Value, w.ValueBound * formulation.Scales.Value)
            // Lots on lines that can never be funded in the horizon: the LP is the MIP, its optimum both figures.
            : mip is not null && outcome is { Status: LpStatus.Optimal, Primal: { } x } ? new WholeUnitFigures(formulation.Model.Value(x) * formulation.Scales.Value, formulation.Model.Value(x) * formulation.Scales.Value)
            : null);
        if (mip is not null && result.Summary.ValueBound is { } bound)
            diagnostics.MipGap = Figures.Round(Math.Max(0, bound - result.Summary.Value) / Math.Max(1, bound));
        if (draft is not null)
            diagnostics.Certificate = PlanCertificate.Check(request, problem, result, outcome, formulation.Scales, stageNames, formulation.Model.StageCount);
        diagnostics.TotalSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        return (result, diagnostics);
    }

    /// <summary>
    /// A caller's overrides obey the same rules as the request's <c>solver</c> section, and are reported at its
    /// paths, so an unknown backend named on the command line is an input error rather than a crash.
    /// </summary>
    private static List<InputError> ValidateOptions(SolveOptions? options, AllocationRequest? request = null)
    {
        var errors = new List<InputError>();
        if (options?.Backend is { } backend && !Backends.Contains(backend, StringComparer.OrdinalIgnoreCase))
            errors.Add(new InputError("$.solver.backend", $"'{backend}' (given as an option) is not an available backend (use one of: {string.Join(", ", Backends)})"));
        else if (options?.Backend is { } other && request is not null && WholeUnitRules.Apply(request)
            && !string.Equals(other, WholeUnitRules.MipBackend, StringComparison.OrdinalIgnoreCase))
            errors.Add(new InputError("$.solver.backend", $"'{other}' (given as an option) solves fractional plans only; lines with lotSize or minimumOrder need '{WholeUnitRules.MipBackend}'"));
        if (options?.TimeLimitSeconds is { } limit && !(limit > 0 && double.IsFinite(limit)))
            errors.Add(new InputError("$.solver.timeLimitSeconds", $"{limit} (given as an option) is not a positive number of seconds"));
        if (options is not null && !Enum.IsDefined(options.Explain))
            errors.Add(new InputError("$", $"explain level {(int)options.Explain} (given as an option) is not one of: {string.Join(", ", Enum.GetNames<ExplainLevel>())}"));
        foreach (var (name, cap) in new[] { ("MaxRequestBytes", options?.MaxRequestBytes), ("MaxVariables", options?.MaxVariables), ("MaxNonZeros", options?.MaxNonZeros) })
            if (cap is <= 0)
                errors.Add(new InputError("$", $"the limit {name} (given as an option) is {cap}; give a positive number"));
        return errors;
    }
}

/// <summary>The outcome of solving request JSON: a result, or the input errors that prevented one.</summary>
/// <param name="Result">The plan, or null when the request was invalid.</param>
/// <param name="Errors">Every input error; empty when <paramref name="Result"/> is set.</param>
public sealed record SolveOutcome(AllocationResult? Result, IReadOnlyList<InputError> Errors)
{
    /// <summary>
    /// The request as read and validated (null when it could not be read or broke a rule), so that callers that also
    /// present the plan (the CLI's table and report, the service) need not parse and validate the same bytes again.
    /// </summary>
    public AllocationRequest? Request { get; init; }
}
