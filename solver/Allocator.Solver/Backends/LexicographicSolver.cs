using System.Diagnostics;
using Allocator.Solver.Lp;
using OrSolver = Google.OrTools.LinearSolver.Solver;

namespace Allocator.Solver.Backends;

/// <summary>
/// Solves an <see cref="LpModel"/> with one backend (an <see cref="ILpSession"/>) in the contract's two stages:
/// maximise value; then, holding value at its optimum, minimise committed money. Each stage re-solves the same
/// session, so it starts from the previous stage's basis (docs/model.md, "The two stages"). With urgency tiers
/// the value stage is itself a sequence (tier 1, then tier 2 holding tier 1, ...), each held like the single
/// value stage, before money is minimised.
/// </summary>
internal static class LexicographicSolver
{
    /// <summary>
    /// How far below its optimum stage 2 may let the value fall if holding it exactly fails. The contract
    /// counts plans within 1e-7 (relative) of the optimal value as optimal, but any slack that stage 2 is given
    /// it spends on saving money, which shows as 10.999999989 guns instead of 11; planners read that as an
    /// error. So stage 2 first holds the value exactly (the backend's own feasibility tolerance absorbs
    /// rounding), and falls back to this slack only if a backend then declares the stage infeasible.
    /// </summary>
    public const double FallbackValueTolerance = 1e-9;

    /// <param name="model">The LP.</param>
    /// <param name="backend">Backend name (see <see cref="BackendCatalog"/>).</param>
    /// <param name="timeLimitSeconds">Wall-clock limit for all stages together, or null.</param>
    /// <param name="cancellationToken">Interrupts the solver.</param>
    /// <param name="stageNames">With several value stages (urgency tiers), a name for each in messages, such as "tier 2".</param>
    public static LpOutcome Solve(LpModel model, string backend, double? timeLimitSeconds, CancellationToken cancellationToken,
        IReadOnlyList<string>? stageNames = null)
    {
        // No columns (no line can deliver anything inside the horizon, or none has capacity): the empty plan is the
        // only plan, and it is optimal. HiGHS reports an empty model as MPSOLVER_UNKNOWN_STATUS (99), which the
        // CLI showed as not_solved with exit code 1 (found by PlanPropertyTests; Fuzz/regressions/empty-model.json).
        if (model.ColumnCount == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new LpOutcome(LpStatus.Optimal, [], null, 0, 0);
        }
        using var session = LpSessions.Open(model, backend);
        var clock = Stopwatch.StartNew();
        // A limit of a year or more is no limit: TimeSpan.FromSeconds(1.8e308) overflowed (Fuzz/regressions/time-limit-huge.json).
        var deadline = BackendTuning.TimeLimit(backend, timeLimitSeconds) is { } limit && limit < 365 * 86400.0 ? TimeSpan.FromSeconds(limit) : (TimeSpan?)null;
        using var interrupt = cancellationToken.Register(session.Interrupt);

        // Value stages: maximise value (with urgency tiers, one tier at a time, each holding the tiers before it).
        var holds = new List<(int Row, double Best)>();
        var snapshots = new List<StageSnapshot>();
        double[]? valuePlan = null;
        string Name(int stage) => stageNames is { } names && stage < names.Count ? names[stage] : $"value stage {stage + 1}";
        for (var stage = 0; stage < model.StageCount; stage++)
        {
            session.SetObjective(j => model.ValueCoefficient(j, stage), maximize: true);
            var status = Run(session, deadline, clock);
            if (status == OrSolver.ResultStatus.INFEASIBLE && holds.Count > 0)
            {
                Relax(session, holds);
                status = Run(session, deadline, clock);
            }
            cancellationToken.ThrowIfCancellationRequested();
            var seconds = clock.Elapsed.TotalSeconds;
            if (stage == 0)
            {
                if (status == OrSolver.ResultStatus.FEASIBLE)
                    return new LpOutcome(LpStatus.Feasible, session.Primal(), "the time limit stopped the solver before the value was proven optimal; the plan is valid but may not be the best", seconds, 0);
                if (status != OrSolver.ResultStatus.OPTIMAL)
                    return new LpOutcome(LpStatus.NotSolved, null, Explain(status, backend, "maximising value"), seconds, 0);
            }
            else
            {
                var done = string.Join(", ", Enumerable.Range(0, stage).Select(Name));
                if (status == OrSolver.ResultStatus.FEASIBLE)
                    return new LpOutcome(LpStatus.Feasible, session.Primal(),
                        $"the value of {done} is optimal, but the time limit stopped the solver before the value of {Name(stage)} was proven optimal", seconds, 0);
                if (status != OrSolver.ResultStatus.OPTIMAL)
                    return new LpOutcome(LpStatus.Feasible, valuePlan,
                        $"the value of {done} is optimal, but the value of {Name(stage)} was not maximised: {Explain(status, backend, $"maximising the value of {Name(stage)}")}", seconds, 0);
            }
            valuePlan = session.Primal();
            var best = model.Value(valuePlan, stage);
            if (session.Duals() is var (rowDuals, reducedCosts))
                snapshots.Add(new StageSnapshot(stage, best, rowDuals, reducedCosts, valuePlan));
            // Hold this stage's value at its optimum (to the backend's own tolerance) in every later stage.
            holds.Add((session.AddAtLeastRow(j => model.ValueCoefficient(j, stage), best), best));
        }
        var valueSeconds = clock.Elapsed.TotalSeconds;

        // Money stage: keep every value stage at its optimum, minimise money.
        session.SetObjective(model.MoneyCoefficient, maximize: false);
        var second = Run(session, deadline, clock);
        if (second == OrSolver.ResultStatus.INFEASIBLE)
        {
            Relax(session, holds);
            second = Run(session, deadline, clock);
        }
        var moneySeconds = clock.Elapsed.TotalSeconds - valueSeconds;
        cancellationToken.ThrowIfCancellationRequested();
        return second switch
        {
            OrSolver.ResultStatus.OPTIMAL when BackendTuning.IsApproximate(backend) => new LpOutcome(LpStatus.Feasible, session.Primal(),
                $"backend '{backend}' is a first-order method: the plan is valid, but only approximately optimal (in tests within 1e-4, usually far closer); use highs, glop or clp for a proven optimum", valueSeconds, moneySeconds),
            OrSolver.ResultStatus.OPTIMAL => new LpOutcome(LpStatus.Optimal, session.Primal(), null, valueSeconds, moneySeconds,
                snapshots.Count == model.StageCount ? snapshots : null),
            OrSolver.ResultStatus.FEASIBLE => new LpOutcome(LpStatus.Feasible, session.Primal(),
                "the value is optimal, but the time limit stopped the solver before the committed money was minimised", valueSeconds, moneySeconds),
            _ => new LpOutcome(LpStatus.Feasible, valuePlan,
                $"the value is optimal, but the committed money was not minimised: {Explain(second, backend, "minimising money")}", valueSeconds, moneySeconds),
        };
    }

    /// <summary>Lets every held stage value fall by <see cref="FallbackValueTolerance"/> (relative) below its optimum.</summary>
    private static void Relax(ILpSession session, List<(int Row, double Best)> holds)
    {
        foreach (var (row, best) in holds)
            session.SetRowLower(row, best - FallbackValueTolerance * Math.Abs(best));
    }

    private static OrSolver.ResultStatus Run(ILpSession session, TimeSpan? deadline, Stopwatch clock)
    {
        TimeSpan? left = deadline is { } d ? d - clock.Elapsed : null;
        if (left <= TimeSpan.Zero) return OrSolver.ResultStatus.NOT_SOLVED;
        return session.Solve(left);
    }

    private static string Explain(OrSolver.ResultStatus status, string backend, string stage) => status switch
    {
        OrSolver.ResultStatus.NOT_SOLVED => $"the solver stopped while {stage} without a plan (the time limit was reached or the solve was interrupted; raise solver.timeLimitSeconds)",
        OrSolver.ResultStatus.ABNORMAL => $"backend '{backend}' failed numerically while {stage} (try backend 'glop' or 'clp')",
        OrSolver.ResultStatus.INFEASIBLE => $"backend '{backend}' wrongly reported the problem infeasible while {stage} (a numerical failure: try another backend)",
        OrSolver.ResultStatus.UNBOUNDED => $"backend '{backend}' wrongly reported the problem unbounded while {stage} (a numerical failure: try another backend)",
        _ => $"backend '{backend}' returned {status} while {stage}",
    };
}
