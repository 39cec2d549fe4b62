using System.Diagnostics;
using Allocator.Models;
using Allocator.Solver.Backends;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;
using Allocator.Solver.Results;

namespace Allocator.Solver.Explanations;

/// <summary>
/// Computes the explanations of a plan. What does not depend on the plan (the hand-made baseline, and, where the
/// main solve cannot supply them, the LP's marginal values from a GLOP solver of its own) starts before the main
/// solve, on a second thread, so that on a machine with two cores it costs little wall time; <see cref="Finish"/>
/// then adds the reasons, which read the plan. With the default backend (HiGHS through its C API) the marginal
/// values at level <see cref="ExplainLevel.Duals"/> are the main solve's own value-stage duals: no extra solve.
/// </summary>
internal sealed class PlanExplainer
{
    /// <summary>Up to this many LP columns, <see cref="ExplainLevel.Auto"/> checks marginal values by re-solves (the teaching and 2024 examples, the S preset).</summary>
    public const int FullColumnLimit = 5_000;

    /// <summary>
    /// With a backend that cannot supply duals (GLOP, CLP, PDLP), up to this many LP columns <see cref="ExplainLevel.Auto"/>
    /// reads marginal values from an extra GLOP solve (the M preset, about 15,000 columns); above it that solve would
    /// lengthen the run (at L GLOP takes 13 s), so only reasons and the baseline are given. With HiGHS the duals come
    /// with the main solve at every size.
    /// </summary>
    public const int DualsColumnLimit = 20_000;

    private readonly AllocationRequest _request;
    private readonly AllocationProblem _problem;
    private readonly PooledFormulation _pooled;
    private readonly ExplainLevel _level;
    private readonly bool _dualsFromSolve;
    private readonly CancellationTokenSource _stop;
    private readonly Task<(AllocationResult Baseline, SensitivityReport? Report)> _background;
    private readonly Stopwatch _clock = new();
    private readonly Lazy<PlanDraft> _baselineDraft;

    private PlanExplainer(AllocationRequest request, AllocationProblem problem, PooledFormulation pooled, ExplainLevel level,
        bool dualsFromSolve, double? timeLimitSeconds, CancellationToken cancellationToken)
    {
        _request = request;
        _problem = problem;
        _pooled = pooled;
        _level = level;
        _dualsFromSolve = dualsFromSolve;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = _stop.Token;
        // Computed once, by whichever asks first: the background here, or the engine when the time limit leaves it no
        // plan (BaselineFallback), which then waits for the background's rather than computing its own.
        _baselineDraft = new Lazy<PlanDraft>(() => Baseline.Draft(problem), LazyThreadSafetyMode.ExecutionAndPublication);
        _background = Task.Factory.StartNew(() =>
        {
            var clock = Stopwatch.StartNew();
            var baseline = Baseline.Plan(request, problem, _baselineDraft.Value);
            var report = level == ExplainLevel.Full || (level == ExplainLevel.Duals && !dualsFromSolve)
                ? SensitivityReport.Measure(pooled.Model, pooled.Map, problem, resolve: level == ExplainLevel.Full, timeLimitSeconds, token)
                : null;
            BackgroundSeconds = clock.Elapsed.TotalSeconds;
            return (baseline, report);
        }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The hand-made baseline's money and deliveries (<see cref="Baseline.Draft"/>), computed once per request.</summary>
    public PlanDraft BaselineDraft => _baselineDraft.Value;

    /// <summary>Seconds of explanation work: the background part (which overlaps the main solve) plus the reasons.</summary>
    public double Seconds => BackgroundSeconds + _clock.Elapsed.TotalSeconds;

    private double BackgroundSeconds { get; set; }

    /// <summary>
    /// Starts explaining <paramref name="formulation"/>'s LP at <paramref name="requested"/> level, or returns null for
    /// <see cref="ExplainLevel.None"/>. Call <see cref="Finish"/> or <see cref="Abandon"/> exactly once.
    /// </summary>
    public static PlanExplainer? Start(AllocationRequest request, AllocationProblem problem, IFormulation formulation,
        string backend, ExplainLevel requested, double? timeLimitSeconds, CancellationToken cancellationToken)
    {
        var pooled = formulation as PooledFormulation ?? new PooledFormulation(problem);
        // The main solve's duals fit the explanations only when it solves this very (pooled) LP.
        var dualsFromSolve = ReferenceEquals(pooled, formulation) && LpSessions.ProvidesDuals(backend);
        var level = Resolve(requested, pooled.Model.ColumnCount, dualsFromSolve);
        // Contract 1.1: with whole lots the pooled LP is only the relaxation, whose re-solves would explain another plan.
        // The marginal values are the main solve's duals of the LP with the lot decisions fixed, or none.
        if (problem.HasWholeUnits && level is ExplainLevel.Full or ExplainLevel.Duals)
            level = dualsFromSolve ? ExplainLevel.Duals : ExplainLevel.Reasons;
        return level == ExplainLevel.None ? null : new PlanExplainer(request, problem, pooled, level, dualsFromSolve, timeLimitSeconds, cancellationToken);
    }

    /// <summary><see cref="ExplainLevel.Auto"/> by the LP's column count and where duals come from; any other level as asked.</summary>
    public static ExplainLevel Resolve(ExplainLevel requested, int columns, bool dualsFromSolve) => requested switch
    {
        ExplainLevel.Auto when columns <= FullColumnLimit => ExplainLevel.Full,
        ExplainLevel.Auto when dualsFromSolve || columns <= DualsColumnLimit => ExplainLevel.Duals,
        ExplainLevel.Auto => ExplainLevel.Reasons,
        _ => requested,
    };

    /// <summary>Waits for the background work and explains <paramref name="result"/>.</summary>
    public PlanExplanations Finish(AllocationResult result, LpOutcome outcome)
    {
        var (baseline, report) = Wait();
        _clock.Start();
        var notes = new List<string>();
        if (_level == ExplainLevel.Duals && _dualsFromSolve)
        {
            if (outcome.ValueStages is { } stages)
                report = SensitivityReport.FromStages(stages, _pooled.Model, _pooled.Map, _problem);
            else
                notes.Add("marginal values are left out: the main solve did not finish its value stages (explain level 'full' computes them separately)");
        }
        if (_level == ExplainLevel.Reasons)
            notes.Add($"marginal values are left out: this LP has {_pooled.Model.ColumnCount:N0} columns, more than {DualsColumnLimit:N0}, " +
                "where they would cost a second solve that takes longer than the main one (explain level 'duals' or 'full' adds them)");
        if (_problem.HasWholeUnits)
            notes.Add(WholeUnitNote(result, report is not null));
        if (result.Status != "optimal" && _problem.HasWholeUnits)
            notes.Add("the plan is not proven optimal in whole lots (see the status message): marginal values and reasons refer to this plan");
        else if (result.Status != "optimal")
            notes.Add("the plan is not proven optimal: marginal values are those of the exact optimum (GLOP), reasons refer to this plan");
        try
        {
            return ExplanationBuilder.Build(_request, _problem, _pooled.Map, _pooled.Model, report, result, baseline, notes);
        }
        finally
        {
            _clock.Stop();
        }
    }

    /// <summary>Contract 1.1: what whole lots cost in value, and what the marginal values then mean.</summary>
    private static string WholeUnitNote(AllocationResult result, bool marginalValues)
    {
        var price = result.Summary.RelaxedValue is { } relaxed ? Math.Max(0, relaxed - result.Summary.Value) : 0;
        var cost = $"whole lots and minimum orders cost {Wording.Number(price)} of value (the plan without them reaches {Wording.Number(result.Summary.RelaxedValue ?? result.Summary.Value)})";
        return marginalValues
            ? $"{cost}; marginal values are those of the LP with this plan's lots and minimum orders fixed: what a little more money, capacity or need is worth without buying another lot"
            : $"{cost}; marginal values are left out: with lots and minimum orders they would need the LP with the lots fixed, which only the highs backend reports";
    }

    /// <summary>Stops the background work (the main solve failed or was cancelled) and waits for it to let go of its solver.</summary>
    public void Abandon()
    {
        _stop.Cancel();
        try { _background.Wait(); }
        catch (AggregateException) { /* cancelled or failed: the caller is already reporting its own outcome */ }
        _stop.Dispose();
    }

    private (AllocationResult, SensitivityReport?) Wait()
    {
        try
        {
            return _background.GetAwaiter().GetResult();
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
