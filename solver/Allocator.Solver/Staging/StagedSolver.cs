using System.Diagnostics;
using Allocator.Solver.Backends;
using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>
/// The contract's lexicographic objective, solved once for every caller: maximise value (with urgency tiers, one
/// tier at a time, each holding the tiers before it), then, holding every value stage at its optimum, minimise
/// committed money (then, with a previous plan, the change; then the tie rule and its routes). Each stage re-solves
/// the same session, so it starts from the previous stage's basis, and searches only the optimal face of the stages
/// before it (<see cref="OptimalFace"/>; docs/model.md, "The stages").
/// <para>
/// A numerical failure is never the user's problem: when a backend fails a stage, or claims an optimum that does not
/// pass <see cref="StageCheck"/>, the stage is tried again with the backend's next <see cref="SolveStrategy"/>, and
/// when every strategy fails, the whole solve starts again on the next backend of <see cref="Chain"/>. Every step is
/// recorded in <see cref="LpOutcome.Path"/>. Only a time limit or a cancellation stops it early.
/// </para>
/// </summary>
internal static class StagedSolver
{
    /// <param name="model">The LP.</param>
    /// <param name="backend">The backend asked for (see <see cref="BackendCatalog"/>).</param>
    /// <param name="timeLimitSeconds">Wall-clock limit for all stages together, or null.</param>
    /// <param name="cancellationToken">Interrupts the solver.</param>
    /// <param name="stageNames">With several value stages (urgency tiers), a name for each in messages, such as "tier 2".</param>
    /// <param name="skip">Backends not to use (the engine's second attempt after a plan failed its certificate).</param>
    /// <param name="open">Opens a backend's session; <see cref="LpSessions.Open"/> unless a test wraps it to make a backend fail.</param>
    /// <param name="mip">Contract 1.1: the gap for a model with whole-unit columns, which is then solved by <see cref="WholeUnitStages"/>.</param>
    public static LpOutcome Solve(LpModel model, string backend, double? timeLimitSeconds, CancellationToken cancellationToken,
        IReadOnlyList<string>? stageNames = null, IReadOnlySet<string>? skip = null, Func<LpModel, string, ILpSession>? open = null,
        MipSettings? mip = null) =>
        model.WholeUnits.Count > 0
            ? WholeUnitStages.Solve(model, timeLimitSeconds, cancellationToken, stageNames, mip ?? new MipSettings(Models.WholeUnitRules.DefaultMipGap, 1))
            : SolveLp(model, backend, timeLimitSeconds, cancellationToken, stageNames, skip, open);

    /// <summary>The lexicographic LP (the whole-unit columns, if any, continuous): every stage, with the fallbacks.</summary>
    internal static LpOutcome SolveLp(LpModel model, string backend, double? timeLimitSeconds, CancellationToken cancellationToken,
        IReadOnlyList<string>? stageNames = null, IReadOnlySet<string>? skip = null, Func<LpModel, string, ILpSession>? open = null)
    {
        // No columns (no line can deliver anything inside the horizon, or none has capacity): the empty plan is the
        // only plan, and it is optimal. HiGHS reports an empty model as an unknown status, which the CLI showed as
        // not_solved with exit code 1 (found by PlanPropertyTests; Fuzz/regressions/empty-model.json).
        if (model.ColumnCount == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Every stage's objective and bound are 0: the certificate has a verdict for each.
            var verdicts = Enumerable.Range(0, model.StageCount).Select(s => new StageObjective(s)).Append(StageObjective.Money)
                .Select(o => new StageVerdict(o, 0, 0, 0)).ToList();
            return new LpOutcome(LpStatus.Optimal, [], null, 0, 0) { Backend = backend, Path = ["no columns: the empty plan is the only plan"], Verdicts = verdicts };
        }
        var clock = Stopwatch.StartNew();
        // A limit of a year or more is no limit: TimeSpan.FromSeconds(1.8e308) overflowed (Fuzz/regressions/time-limit-huge.json).
        var deadline = BackendTuning.TimeLimit(backend, timeLimitSeconds) is { } limit && limit < 365 * 86400.0 ? TimeSpan.FromSeconds(limit) : (TimeSpan?)null;
        var path = new List<string>();
        LpOutcome? last = null;
        foreach (var candidate in Chain(backend).Where(b => skip is null || !skip.Contains(b)))
        {
            var attempt = new Attempt(model, candidate, deadline, clock, cancellationToken, stageNames, path, open ?? ((m, b) => LpSessions.Open(m, b)));
            last = attempt.Run();
            // Done, or stopped by the clock (another backend would not have more time): report it.
            if (!attempt.FailedNumerically) return last;
        }
        return last ?? new LpOutcome(LpStatus.NotSolved, null, "no backend was left to try", 0, 0) { Backend = backend, Path = path };
    }

    /// <summary>
    /// The least simplex iterations the tie rule's stage (with its routes) may take, however quick the optimisation was:
    /// preset XL's needs 7,338 and 700 after a value stage of 16,154.
    /// </summary>
    public const long TieIterations = 10_000;

    /// <summary>
    /// Beyond <see cref="TieIterations"/>, the tie rule's stage may take one simplex iteration for every this many the
    /// optimisation took. It was ten while the stage's primal simplex iterations, on the whole LP with the optimal face's
    /// columns fixed in it, cost HiGHS three to ten times a dual iteration of the value stage (national: 9.4 s for
    /// 33,367 dual iterations, 10.3 s for 11,119 primal ones): a quarter of the iterations was half the solve again. Run
    /// without the fixed columns (HighsFixedColumns) they cost less than the value stage's (XL 0.14 ms against 0.73,
    /// research-pooled 0.29 against 0.66), so a quarter is at most a fraction of the solve, and the stage finishes on
    /// XL and research-pooled (11,402 and 3,057 iterations), where it stopped at a tenth (bench/README.md, section 5).
    /// </summary>
    public const long TieShareDivisor = 4;

    /// <summary>
    /// The least simplex iterations the change stage (contract 1.1, least change) may take; beyond it, as many as the
    /// value and money stages took together. Its plan is then the money stage's, optimal in value and money, and the
    /// result says the change was not minimised.
    /// </summary>
    public const long ChangeIterations = 10_000;

    /// <summary>
    /// The least simplex iterations the money stage (and the change stage) may take warm, from the value stage's basis,
    /// before it starts again from scratch (<see cref="WarmShare"/>).
    /// </summary>
    public const long WarmIterations = 1_000;

    /// <summary>
    /// Beyond <see cref="WarmIterations"/>, the money stage may take one warm simplex iteration for every this many rows
    /// of the LP; then dual simplex from scratch, with presolve, is cheaper. Warm, primal simplex runs on the whole LP,
    /// every column the optimal face fixed still in it; from scratch, HiGHS's presolve drops them and most rows with
    /// them: national's money stage took 6,297 primal iterations (2.6 s) warm, 9,079 dual ones (1.1 s) from scratch.
    /// When the warm solve finishes early it is by far the quickest (national-pooled: 11 iterations, 0.05 s warm,
    /// 0.3 s from scratch), so it goes first unless its start is too far to finish within the share (<see cref="WarmStart"/>).
    /// Iterations, not seconds, so that which strategy answers, and so
    /// the plan, is the same on every machine. Not for the tie rule: from scratch its duals, extended to the whole LP
    /// through two levels of the face, missed the check's 1e-7 by ten times on national-pooled (bench/README.md,
    /// section 5, seventh round).
    /// </summary>
    public const long WarmRowsPerIteration = 20;

    /// <summary>The simplex iterations the money stage's warm solve may take on an LP with <paramref name="rows"/> rows.</summary>
    public static long WarmShare(int rows) => Math.Max(WarmIterations, rows / WarmRowsPerIteration);

    /// <summary>
    /// The backend asked for, then the others that give a proven optimum, most robust first: GLOP (a different simplex
    /// code, stricter numerics), then HiGHS. CLP is not a fallback: at national scale it takes minutes.
    /// </summary>
    public static IEnumerable<string> Chain(string backend) =>
        new[] { backend, "highs", "glop" }.Distinct().Where(b => b == backend || BackendCatalog.Available.Contains(b));

    /// <summary>One backend's run through every stage.</summary>
    private sealed class Attempt(LpModel model, string backend, TimeSpan? deadline, Stopwatch clock, CancellationToken cancellation,
        IReadOnlyList<string>? stageNames, List<string> path, Func<LpModel, string, ILpSession> open)
    {
        private StageLadder _ladder = null!;
        private OptimalFace? _face;   // the optimal face of the stages solved so far (null: each stage searches the whole LP)
        private long? _iterationsEnd;   // the simplex iteration count at which the running stage stops (the change stage's or the tie rule's share)
        private long _iterationsAtStart;
        private readonly List<StageVerdict> _verdicts = [];

        /// <summary>Every strategy failed a stage: the next backend should try.</summary>
        public bool FailedNumerically { get; private set; }

        public LpOutcome Run()
        {
            ILpSession session;
            try
            {
                session = open(model, backend);
            }
            catch (InvalidOperationException e)
            {
                // The backend refused the model itself (HiGHS rejects matrix values above 1e15): another backend may not.
                path.Add($"{backend}: could not load the LP ({e.Message})");
                FailedNumerically = true;
                return Outcome(LpStatus.NotSolved, null, $"every backend failed to load the LP ({string.Join(" | ", path)})", 0, 0);
            }
            using var owned = session;
            using var interrupt = cancellation.Register(session.Interrupt);
            _ladder = new StageLadder(session, model);
            _face = BackendTuning.SearchesOptimalFace(backend) ? new OptimalFace(session, model) : null;

            var snapshots = new List<StageSnapshot>();
            double[]? valuePlan = null;
            StageRun? lastValue = null;
            for (var stage = 0; stage < model.StageCount; stage++)
            {
                var result = RunStage(new StageObjective(stage));
                var seconds = clock.Elapsed.TotalSeconds;
                if (result.Verdict is not { } verdict)
                {
                    var done = string.Join(", ", Enumerable.Range(0, stage).Select(Name));
                    return result.Status switch
                    {
                        SessionStatus.StoppedWithPlan when stage == 0 => Outcome(LpStatus.Feasible, result.Primal,
                            "the time limit stopped the solver before the value was proven optimal; the plan is valid but may not be the best", seconds, 0) with
                        {
                            ValueStageStopped = true,
                        },
                        SessionStatus.StoppedWithPlan => Outcome(LpStatus.Feasible, result.Primal,
                            $"the value of {done} is optimal, but the time limit stopped the solver before the value of {Name(stage)} was proven optimal", seconds, 0),
                        _ when stage == 0 => Outcome(LpStatus.NotSolved, null, Explain(result.Status, "maximising value"), seconds, 0) with
                        {
                            ValueStageStopped = result.Status == SessionStatus.StoppedWithoutPlan,
                        },
                        _ => Outcome(LpStatus.Feasible, valuePlan,
                            $"the value of {done} is optimal, but the value of {Name(stage)} was not maximised: {Explain(result.Status, $"maximising the value of {Name(stage)}")}", seconds, 0),
                    };
                }
                valuePlan = result.Primal!;
                lastValue = result;
                var best = model.Value(valuePlan, stage);
                if (result.Duals is var (rowDuals, reducedCosts))
                    snapshots.Add(new StageSnapshot(stage, best, rowDuals, reducedCosts, valuePlan));
                _ladder.Hold(stage, best);
            }
            var valueSeconds = clock.Elapsed.TotalSeconds;

            // The money stage searches the value's optimal face only (OptimalFace): national, 11,112 primal simplex
            // iterations on the whole LP, 6,297 on the face. From the last value stage, whose LP holds every tier before it.
            // Its multipliers refined first (DualRefinement): the value's budget on the face is the gap they leave.
            if (lastValue?.Duals is var (valueDuals, _) && _face is { } face)
            {
                var refined = DualRefinement.Refine(_ladder.Session, model, [.. _ladder.Holds.Take(model.StageCount - 1)], new StageObjective(model.StageCount - 1), valueDuals);
                face.Narrow(new StageObjective(model.StageCount - 1), _ladder.Holds, refined, valuePlan!, refined);
            }
            var money = RunStage(StageObjective.Money);
            var moneySeconds = clock.Elapsed.TotalSeconds - valueSeconds;
            if (money.Verdict is null)
                return money.Status == SessionStatus.StoppedWithPlan
                    ? Outcome(LpStatus.Feasible, money.Primal, "the value is optimal, but the time limit stopped the solver before the committed money was minimised", valueSeconds, moneySeconds)
                    : Outcome(LpStatus.Feasible, valuePlan, $"the value is optimal, but the committed money was not minimised: {Explain(money.Status, "minimising money")}", valueSeconds, moneySeconds);
            if ((model.HasChangeObjective || model.HasTieObjective) && !BackendTuning.IsApproximate(backend))
                HoldAtOptimum(StageObjective.Money, money);
            if (model.HasChangeObjective && !BackendTuning.IsApproximate(backend))
            {
                // Contract 1.1's third stage: holding value and money at their optima, change the previous plan least.
                // Within as many simplex iterations as the value and money stages took (at least ChangeIterations): on
                // national-scale re-plans whose optimal face cannot prove it, HiGHS's dual simplex on the whole LP
                // stalled for more than eight minutes (bench/README.md, section 5, tenth round). Iterations, not
                // seconds, so that the same request gives the same bytes on every machine.
                StartShare(ChangeIterations, divisor: 1);
                var change = RunStage(StageObjective.Change);
                var outOfShare = EndShare();
                moneySeconds = clock.Elapsed.TotalSeconds - valueSeconds;
                if (change.Margin is { } margin)
                    return Outcome(LpStatus.Feasible, change.Primal,
                        $"the value and the committed money are optimal; the change from the previous plan is proven within {margin.Gap:G2} (relative) of the least possible, not to the {StageCheck.Tolerance:G0} asked: on this request the least change turns on the last digits of the optimal value and money",
                        valueSeconds, moneySeconds) with { ChangeMargin = margin.Value - margin.Bound!.Value };
                if (change.Verdict is null)
                    return Outcome(LpStatus.Feasible, change.Status == SessionStatus.StoppedWithPlan ? change.Primal : money.Primal,
                        $"the value and the committed money are optimal, but the change from the previous plan was not minimised: {(outOfShare ? "the solver ran out of the stage's share of the work" : change.Status == SessionStatus.StoppedWithPlan ? "the time limit stopped the solver" : Explain(change.Status, "minimising the change"))}",
                        valueSeconds, moneySeconds);
                money = change;
                if (model.HasTieObjective) HoldAtOptimum(StageObjective.Change, change);
            }
            if (model.HasTieObjective && !BackendTuning.IsApproximate(backend))
            {
                // The tie rule picks among plans already optimal: if it cannot be solved, the plan before it stands, optimal.
                // It may take a tenth of the simplex iterations the optimisation itself took (at least TieIterations; see
                // TieShareDivisor): on national-scale requests its primal simplex wandered for over ten minutes. Iterations,
                // not seconds, so that whether the rule applies is the same on every machine (the same request gives the
                // same bytes).
                StartShare(TieIterations, TieShareDivisor);
                var tie = RunStage(StageObjective.Tie);
                if (tie.Verdict is not null)
                {
                    money = tie;
                    if (model.HasRouteObjective)
                    {
                        // Then, within the same share of the work, the routes the tranches' weights leave open (TieRule.RouteWeight).
                        var routes = SolveRoutes(tie.Primal!);
                        if (routes.Verdict is not null) money = routes;
                        else
                        {
                            path.Add("tie rule, routes: not applied; the plan is the tie rule's");
                            FailedNumerically = false;
                        }
                    }
                }
                else
                {
                    path.Add("tie rule: not applied; the plan is the one before it");
                    FailedNumerically = false;
                }
                EndShare();
                moneySeconds = clock.Elapsed.TotalSeconds - valueSeconds;
            }
            if (BackendTuning.IsApproximate(backend))
                return Outcome(LpStatus.Feasible, money.Primal,
                    $"backend '{backend}' is a first-order method: the plan is valid, but only approximately optimal (in tests within 1e-4, usually far closer); use highs, glop or clp for a proven optimum", valueSeconds, moneySeconds);
            return Outcome(LpStatus.Optimal, money.Primal, null, valueSeconds, moneySeconds) with
            {
                ValueStages = snapshots.Count == model.StageCount ? snapshots : null,
            };
        }

        /// <summary>
        /// Holds a minimised stage (money, change) at its optimum from now on, and narrows the optimal face by its duals.
        /// </summary>
        /// <summary>
        /// Bounds the stages that follow (until <see cref="EndShare"/>) to a share of the simplex iterations spent so far:
        /// a <paramref name="divisor"/>-th of them, at least <paramref name="least"/>. Nothing with a backend that does not
        /// count its iterations.
        /// </summary>
        private void StartShare(long least, long divisor)
        {
            if (_ladder.Session.Iterations is not { } spent) return;
            _iterationsAtStart = spent;
            _iterationsEnd = spent + Math.Max(least, spent / divisor);
        }

        /// <summary>Whether the running share (<see cref="StartShare"/>) is spent.</summary>
        private bool OutOfShare => _iterationsEnd is { } end && (_ladder.Session.Iterations ?? 0) >= end;

        /// <summary>Ends the running share and lifts the session's cap; whether the share ran out.</summary>
        private bool EndShare()
        {
            var ranOut = OutOfShare;
            _iterationsEnd = null;
            _ladder.Session.LimitIterations(null);
            return ranOut;
        }

        private void HoldAtOptimum(StageObjective objective, StageRun run)
        {
            _ladder.HoldAtMost(objective, run.Verdict!.Value);
            if (run.Duals is var (rowDuals, _)) _face?.Narrow(objective, _ladder.Holds, rowDuals, run.Primal!, run.FaceDuals ?? rowDuals);
        }

        /// <summary>
        /// The tie rule's routes (TieRule.RouteWeight), every other column where the tie rule left it: their own small LP
        /// (<see cref="RoutesLp"/>) in a session of their own, from scratch at the default tolerances first (its rows'
        /// bounds carry the tie rule's residuals, up to 1e-7, which HiGHS at 1e-9 may call infeasible), then the
        /// backend's other strategies; within what is left of the tie rule's share and of the time. The point is checked
        /// against the whole LP with those columns fixed (<see cref="RoutesLp.Whole"/>). No verdict when nothing passed.
        /// </summary>
        private StageRun SolveRoutes(double[] tiePoint)
        {
            const string name = "tie rule, routes";
            var routes = RoutesLp.Build(model, tiePoint);
            ILpSession session;
            try
            {
                session = open(routes.Model, backend);
            }
            catch (InvalidOperationException e)
            {
                path.Add($"{name}: {backend}: could not load its LP ({e.Message})");
                return new StageRun(SessionStatus.Failed, null, null, null);
            }
            using var owned = session;
            using var interrupt = cancellation.Register(session.Interrupt);
            session.SetObjective(j => routes.Model.RouteCoefficient(j), maximize: false);
            var offered = session.Strategies;
            SolveStrategy[] strategies = offered.Count == 1 ? [.. offered]
                : [.. offered.Where(s => s == SolveStrategy.DefaultTolerances), .. offered.Where(s => s is not (SolveStrategy.Warm or SolveStrategy.DefaultTolerances))];
            // The tie rule's share of the work, counted on the main session, holds for these iterations too.
            var share = _iterationsEnd - _ladder.Session.Iterations;
            var status = SessionStatus.Failed;
            var failures = new List<string>();
            foreach (var strategy in strategies)
            {
                var how = Describe(strategy);
                session.Use(strategy);
                TimeSpan? left = deadline is { } d ? d - clock.Elapsed : null;
                var remaining = share - session.Iterations;
                if (left <= TimeSpan.Zero || remaining <= 0) status = SessionStatus.StoppedWithoutPlan;
                else
                {
                    session.LimitIterations(remaining);
                    status = session.Solve(left);
                }
                cancellation.ThrowIfCancellationRequested();
                if (status is SessionStatus.StoppedWithPlan or SessionStatus.StoppedWithoutPlan)
                {
                    path.Add(remaining is { } r && session.Iterations >= r
                        ? $"{name}: {backend}, {how}: stopped after {_ladder.Session.Iterations + session.Iterations - _iterationsAtStart:N0} simplex iterations, the tie rule's share of the work"
                        : $"{name}: {backend}, {how}: stopped by the time limit");
                    return new StageRun(status, null, null, null);
                }
                if (status != SessionStatus.Optimal && !(status == SessionStatus.Failed && session.KeepsPointOnFailure))
                {
                    failures.Add($"{how} {Failed(status)}");
                    continue;
                }
                var point = routes.Point(session.Primal());
                var rowDuals = session.Duals() is var (y, _) ? routes.RowDuals(y, _ladder.Holds.Count) : null;
                var verdict = StageCheck.Verify(routes.Whole, _ladder.Holds, StageObjective.Routes, point, rowDuals);
                if (!verdict.Passed || (status == SessionStatus.Failed && rowDuals is null))
                {
                    failures.Add($"{how} {(status == SessionStatus.Failed ? Failed(status) : "claimed an optimum")}, but {(rowDuals is null ? "there are no duals to check its point" : verdict.Why)}");
                    continue;
                }
                path.Add(failures.Count == 0 ? $"{name}: {backend}, {how}" : $"{name}: {backend}, {string.Join("; ", failures)}; recovered by {how}");
                _verdicts.Add(verdict);
                // No duals: nothing is narrowed after the last stage.
                return new StageRun(SessionStatus.Optimal, point, null, verdict);
            }
            path.Add($"{name}: {backend}, {string.Join("; ", failures)}");
            return new StageRun(status, null, null, null);
        }

        /// <summary>
        /// Solves one stage, falling back along the session's strategies until one passes <see cref="StageCheck"/>.
        /// A verdict only when it did; otherwise the last status (a stop by the clock ends the search at once). On the
        /// optimal face the verdict's (and the run's) row duals are the extended ones (<see cref="OptimalFace.Certify"/>),
        /// which the next stage's face is narrowed by.
        /// </summary>
        /// <param name="objective">The stage.</param>
        private StageRun RunStage(StageObjective objective)
        {
            var session = _ladder.Session;
            var name = objective.IsMoney ? "money" : objective.IsChange ? "change" : objective.IsTie ? "tie rule" : Name(objective.Stage);
            _ladder.Aim(objective);
            var status = SessionStatus.Failed;
            var failures = new List<string>();
            // Computed by the session (HiGHS offers sifting for its first solve only): read once.
            List<SolveStrategy> strategies = [.. session.Strategies];
            var warmFirst = ""; // "simplex for N iterations, then ", when a warm re-solve ran out of its share (WarmShare)
            for (var attempt = 0; attempt < strategies.Count; attempt++)
            {
                var strategy = strategies[attempt];
                // The money (and change) stage starts warm, but only for its share of iterations (WarmShare).
                var warmStart = session.Iterations;
                long? warmEnd = strategy == SolveStrategy.Warm && (objective.IsMoney || objective.IsChange) ? warmStart + WarmShare(model.RowCount) : null;
                // A warm start too far from the optimum would spend its share and start again from scratch: start there.
                if (warmEnd is not null && strategies.IndexOf(SolveStrategy.DefaultTolerances) is var fromScratch and > 0
                    && WarmStart.DualInfeasibilities(session, model, _ladder.Holds, objective) is { } far
                    && far > WarmStart.HopelessPerIteration * WarmShare(model.RowCount))
                {
                    warmFirst = $"not warm ({far:N0} dual infeasibilities at the start, for {WarmShare(model.RowCount):N0} iterations), ";
                    strategies.RemoveAt(fromScratch);
                    strategies.Insert(attempt + 1, SolveStrategy.DefaultTolerances);
                    continue;
                }
                session.Use(strategy);
                status = SolveOnFace(session, warmEnd);
                if (status == SessionStatus.Infeasible && _ladder.HoldsAny)
                {
                    // Holding the earlier stages exactly can be infeasible by a rounding error: let them fall by 1e-9.
                    _ladder.Relax();
                    session.Use(strategy);
                    status = SolveOnFace(session, warmEnd);
                }
                cancellation.ThrowIfCancellationRequested();
                // How the strategy went where it says more than its name (a sifting's rounds).
                var how = warmFirst + (session.SolveDetail is { } detail ? $"{Describe(strategy)} ({detail})" : Describe(strategy));
                if (status is SessionStatus.StoppedWithPlan or SessionStatus.StoppedWithoutPlan && warmEnd is { } warmStop
                    && session.Iterations >= warmStop && !OutOfShare && !(deadline <= clock.Elapsed)
                    && strategies.IndexOf(SolveStrategy.DefaultTolerances) is var scratch and > 0)
                {
                    // The warm solve ran out of its share, not of the stage's: start again from scratch, with presolve, at
                    // the tolerances of a warm re-solve (StageCheck checks the answer as it checks any).
                    warmFirst = $"simplex for {session.Iterations - warmStart:N0} iterations, then ";
                    strategies.RemoveAt(scratch);
                    strategies.Insert(attempt + 1, SolveStrategy.DefaultTolerances);
                    continue;
                }
                if (status is SessionStatus.StoppedWithPlan or SessionStatus.StoppedWithoutPlan)
                {
                    path.Add(OutOfShare && _iterationsEnd is { } end
                        ? $"{name}: {backend}, {how}{OnFace()}: stopped after {end - _iterationsAtStart:N0} simplex iterations, its share of the work"
                        : $"{name}: {backend}, {how}: stopped by the time limit");
                    return new StageRun(status, status == SessionStatus.StoppedWithPlan ? session.Primal() : null, null, null);
                }
                // A backend that gives up without a proof ("unknown": HiGHS's primal simplex at 1e-9 tolerances on the
                // money stage of national-scale requests, 7 s into a solve that is optimal but for dual infeasibilities
                // of 1e-8) may still hold the optimum: the check below decides, from the point and its duals alone,
                // exactly as it does for a claimed optimum. Only "failed" is given this chance: an infeasible or unbounded
                // verdict is wrong for this LP and its point means nothing.
                if (status != SessionStatus.Optimal && !(status == SessionStatus.Failed && session.KeepsPointOnFailure))
                {
                    failures.Add($"{how} {Failed(status)}");
                    if (ReleaseFace(failures)) attempt--;
                    continue;
                }
                var primal = session.Primal();
                var duals = session.Duals();
                double[]? onFace = null;
                // On the optimal face the backend's duals prove the stage on the face only; the face's own levels extend them to the LP.
                if (duals is var (faceDuals, faceReduced) && _face is { IsNarrow: true } face)
                {
                    onFace = faceDuals;
                    duals = (face.Certify(objective, _ladder.Holds, faceDuals), faceReduced);
                }
                var verdict = StageCheck.Verify(model, _ladder.Holds, objective, primal, duals?.RowDuals);
                // Where one multiplier per level loses the bound to rounding, the face's bound with what leaving the face
                // may gain (OptimalFace.Bound) may still prove it: either bound is valid.
                StageVerdict? onFaceOnly = null;
                if (!verdict.Passed && onFace is not null && _face is { IsNarrow: true } narrow)
                {
                    var bound = narrow.Bound(objective, _ladder.Holds, onFace);
                    if (verdict with { Bound = bound.Beyond } is { Passed: true } proven) verdict = proven;
                    else if (verdict with { Bound = bound.OnFace } is { Passed: true } && double.IsFinite(bound.Beyond)) onFaceOnly = verdict with { Bound = bound.Beyond };
                }
                // The least change, proven on the face but not beyond it: what leaving the face may gain comes from the
                // last digits of the earlier stages' optima, which no solve of this stage can sharpen (on a national-scale
                // re-plan 7e-14 of the value is worth 0.001 of the change); solving it again on the whole LP stalled
                // (bench/README.md, section 5). The plan stands, with the margin it is proven to; no tie rule follows.
                if (objective.IsChange && onFaceOnly is { } margin && status == SessionStatus.Optimal)
                {
                    path.Add($"{name}: {backend}, {how}{OnFace()}: the least on the face; over every plan of optimal value and money within {margin.Gap:G2} (relative) of the least");
                    return new StageRun(SessionStatus.Optimal, primal, duals, null, onFace, margin);
                }
                if (status == SessionStatus.Failed)
                {
                    if (!verdict.Passed || duals is null)
                    {
                        failures.Add($"{how} {Failed(status)} ({(duals is null ? "no duals to check its point" : $"its point: {verdict.Why}")})");
                        if (ReleaseFace(failures)) attempt--;
                        continue;
                    }
                    failures.Add($"{how} ended without proving its optimum");
                    path.Add($"{name}: {backend}, {string.Join("; ", failures)}; the certificate proves it optimal{OnFace()}");
                    _verdicts.Add(verdict);
                    return new StageRun(SessionStatus.Optimal, primal, duals, verdict, onFace);
                }
                // A first-order method meets constraints only to its own tolerance (1e-6): its plans are reported as
                // feasible, never optimal, so its answer is taken as it is (PlanAssembler trims any overshoot).
                if (!verdict.Passed && !BackendTuning.IsApproximate(backend))
                {
                    failures.Add($"{how} claimed an optimum, but {verdict.Why}");
                    status = SessionStatus.Failed;
                    // The tie rule only picks among plans already optimal: when the face cannot prove it, the plan before
                    // it stands. Solving it again on the whole LP spent the rule's whole share for nothing on national.
                    if (objective.IsTie && ReleaseFace(failures)) break;
                    if (ReleaseFace(failures)) attempt--;
                    continue;
                }
                path.Add(failures.Count == 0
                    ? $"{name}: {backend}, {how}{OnFace()}"
                    : $"{name}: {backend}, {string.Join("; ", failures)}; recovered by {how}{OnFace()}");
                _verdicts.Add(verdict);
                return new StageRun(status, primal, duals, verdict, onFace);
            }
            path.Add($"{name}: {backend}, {string.Join("; ", failures)}");
            FailedNumerically = true;
            return new StageRun(status, null, null, null);
        }

        /// <summary>Where the stage searched, for the path: nothing when on the whole LP.</summary>
        private string OnFace() =>
            _face is { IsNarrow: true } face
                ? face.FixedRowCount == 0
                    ? $", on the optimal face ({face.FixedCount:N0} of {model.ColumnCount:N0} columns fixed)"
                    : $", on the optimal face ({face.FixedCount:N0} of {model.ColumnCount:N0} columns and {face.FixedRowCount:N0} of {model.RowCount:N0} rows fixed)"
                : "";

        /// <summary>
        /// After a failure on the optimal face, gives the fixed columns their bounds back so that the same strategy runs
        /// again on the whole LP (the face is an accelerator, never a reason to fail); false when no face was narrow.
        /// </summary>
        private bool ReleaseFace(List<string> failures)
        {
            if (_face is not { IsNarrow: true } face) return false;
            face.Release();
            failures[^1] += " on the optimal face; released";
            return true;
        }

        /// <summary>
        /// <see cref="Solve"/>, without the holds the optimal face implies (OptimalFace.ImpliedHolds): redundant on the
        /// face, they only let the stage's multipliers run off. The check after it still holds the point to them.
        /// </summary>
        private SessionStatus SolveOnFace(ILpSession session, long? warmEnd)
        {
            List<StageHold> implied = _face is { IsNarrow: true } face ? [.. face.ImpliedHolds.Where(h => h < _ladder.Holds.Count).Select(h => _ladder.Holds[h])] : [];
            foreach (var hold in implied) session.SetRowLower(hold.Row, double.NegativeInfinity);
            try
            {
                return Solve(session, warmEnd);
            }
            finally
            {
                foreach (var hold in implied) session.SetRowLower(hold.Row, hold.Lower);
            }
        }

        /// <param name="session">The backend.</param>
        /// <param name="warmEnd">The iteration count at which a warm re-solve gives way to a solve from scratch (WarmShare).</param>
        private SessionStatus Solve(ILpSession session, long? warmEnd)
        {
            TimeSpan? left = deadline is { } d ? d - clock.Elapsed : null;
            if (left <= TimeSpan.Zero) return SessionStatus.StoppedWithoutPlan;
            // A stage's share (the change stage's, the tie rule's) holds for the whole stage, over every strategy it tries; a
            // warm re-solve's for that solve.
            var end = _iterationsEnd is { } stage && warmEnd is { } warm ? Math.Min(stage, warm) : _iterationsEnd ?? warmEnd;
            if (end is { } last)
            {
                var remaining = last - (session.Iterations ?? 0);
                if (remaining <= 0) return SessionStatus.StoppedWithoutPlan;
                session.LimitIterations(remaining);
            }
            else session.LimitIterations(null);
            return session.Solve(left);
        }

        private LpOutcome Outcome(LpStatus status, double[]? primal, string? message, double valueSeconds, double moneySeconds) =>
            new(status, primal, message, valueSeconds, moneySeconds) { Backend = backend, Path = path.ToList(), Verdicts = _verdicts.ToList() };

        private string Name(int stage) =>
            model.StageCount == 1 ? "value" : stageNames is { } names && stage < names.Count ? names[stage] : $"value stage {stage + 1}";

        private string Explain(SessionStatus status, string stage) => status switch
        {
            SessionStatus.StoppedWithoutPlan => $"the solver stopped while {stage} without a plan (the time limit was reached or the solve was interrupted; raise solver.timeLimitSeconds)",
            _ => $"every backend and strategy failed while {stage} ({string.Join(" | ", path)})",
        };

        private static string Failed(SessionStatus status) => status switch
        {
            SessionStatus.Infeasible => "wrongly reported the problem infeasible",
            SessionStatus.Unbounded => "wrongly reported the problem unbounded",
            _ => "failed numerically",
        };

        private static string Describe(SolveStrategy strategy) => strategy switch
        {
            SolveStrategy.Warm => "simplex",
            SolveStrategy.Sifting => "sifting",
            SolveStrategy.DualFromScratch => "dual simplex from scratch",
            SolveStrategy.InteriorPoint => "interior point with crossover",
            SolveStrategy.DefaultTolerances => "dual simplex at default tolerances",
            _ => strategy.ToString(),
        };
    }

    /// <summary>How one stage ended.</summary>
    /// <param name="Status">The session's status.</param>
    /// <param name="Primal">Its plan, if any.</param>
    /// <param name="Duals">Multipliers that prove it on the whole LP, and the backend's reduced costs.</param>
    /// <param name="Verdict">The check's verdict, when it passed.</param>
    /// <param name="FaceDuals">The backend's own row multipliers when the stage was solved on the optimal face (Duals then holds them extended to the whole LP).</param>
    /// <param name="Margin">The change stage's verdict when its plan is proven least on the optimal face only (no <paramref name="Verdict"/> then).</param>
    private sealed record StageRun(SessionStatus Status, double[]? Primal, (double[] RowDuals, double[] ReducedCosts)? Duals, StageVerdict? Verdict,
        double[]? FaceDuals = null, StageVerdict? Margin = null);
}
