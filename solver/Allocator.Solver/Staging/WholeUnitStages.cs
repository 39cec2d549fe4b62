using System.Diagnostics;
using System.Globalization;
using Allocator.Solver.Backends;
using Allocator.Solver.Lp;

namespace Allocator.Solver.Staging;

/// <summary>
/// Contract 1.1, section 1: the staged solve of a request with lots or minimum orders, in three steps on the same
/// model (docs/model.md, "Whole units").
/// <list type="number">
/// <item>The LP relaxation, by the ordinary staged solve (<see cref="StagedSolver.SolveLp"/>): its value is the
/// contract's <c>relaxedValue</c>, the request without lots and minimum orders.</item>
/// <item>HiGHS's MIP, lexicographically: each value stage to the gap (holding the stages before at their found
/// values, 1e-9 relative below), then money to the gap with the value held, each stage starting from the plan of
/// the stage before. The time limit covers all stages; a stop keeps the best plan found.</item>
/// <item>The MIP's integer decisions are fixed exactly (a lot count rounded to its whole number, a minimum order
/// either closed or open) and the remaining LP is solved by the ordinary staged solve again. HiGHS accepts an
/// integer to 1e-6 and a row to 1e-9; fixing removes that noise, so every line's units are whole lots exactly, and
/// the plan is checked (<see cref="StageCheck"/>) and certified like any LP's, its duals those of the LP with the
/// integer decisions fixed.</item>
/// </list>
/// HiGHS is the MIP backend because the engine already calls its C API, it models semi-continuous and semi-integer
/// columns natively, and it keeps one instance across the stages (bench/README.md, "Whole units").
/// </summary>
internal static class WholeUnitStages
{
    /// <summary>A later stage holds an earlier one's found value to this relative tolerance (the contract's 1e-9).</summary>
    public const double HoldTolerance = 1e-9;

    /// <summary>HiGHS's default absolute MIP gap, kept for the money stage.</summary>
    private const double MoneyAbsoluteGap = 1e-6;

    public static LpOutcome Solve(LpModel model, double? timeLimitSeconds, CancellationToken cancellation,
        IReadOnlyList<string>? stageNames, MipSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeLimitSeconds is { } s && s < 365 * 86400.0 ? s : (double?)null;
        TimeSpan? Left() => limit is { } l ? TimeSpan.FromSeconds(Math.Max(0, l - clock.Elapsed.TotalSeconds)) : null;
        string Name(int stage) =>
            model.StageCount == 1 ? "value" : stageNames is { } names && stage < names.Count ? names[stage] : $"value stage {stage + 1}";

        // 1. The relaxation.
        var relaxed = StagedSolver.SolveLp(model, "highs", limit, cancellation, stageNames);
        var path = relaxed.Path.Select(p => $"without lots and minimum orders: {p}").ToList();
        if (relaxed.Status != LpStatus.Optimal || relaxed.Primal is null)
            return new LpOutcome(LpStatus.NotSolved, null,
                $"the plan without lots and minimum orders, which bounds the plan with them, was not found: {relaxed.Message ?? "no optimum"}",
                clock.Elapsed.TotalSeconds, 0) { Backend = "highs", Path = path };
        var relaxedValue = model.Value(relaxed.Primal);
        if (!HighsApi.IsAvailable)
            return new LpOutcome(LpStatus.NotSolved, null, "lots and minimum orders need HiGHS's MIP solver, whose library did not load on this machine",
                clock.Elapsed.TotalSeconds, 0) { Backend = "highs", Path = path };

        // 2. The MIP, stage by stage.
        double[]? plan = null;
        var found = 0.0;
        var bound = 0.0;
        string? stopped = null;
        double valueSeconds;
        using (var session = new HighsSession(model))
        using (cancellation.Register(session.Interrupt))
        {
            session.UseWholeUnits(model.WholeUnits);
            for (var stage = 0; stage < model.StageCount && stopped is null; stage++)
            {
                var index = stage;
                session.SetObjective(j => model.ValueCoefficient(j, index), maximize: true);
                session.SetMipGaps(settings.Gap, settings.AbsoluteValueGap);
                if (plan is not null) session.SetStart(plan);
                var status = session.Solve(Left());
                cancellation.ThrowIfCancellationRequested();
                if (status is not (SessionStatus.Optimal or SessionStatus.StoppedWithPlan))
                {
                    if (plan is null)
                        return new LpOutcome(LpStatus.NotSolved, null, status == SessionStatus.StoppedWithoutPlan
                                ? "the time limit stopped the search for whole lots before it found a plan (raise solver.timeLimitSeconds or solver.mipGap)"
                                : $"HiGHS's MIP solver failed while maximising the {Name(stage)} in whole lots ({status})",
                            clock.Elapsed.TotalSeconds, 0) { Backend = "highs", Path = [.. path, $"{Name(stage)} in whole lots: highs MIP, {status}"] };
                    stopped = $"the {Name(stage)} in whole lots was not maximised ({status})";
                    path.Add($"{Name(stage)} in whole lots: highs MIP, {status}");
                    break;
                }
                plan = session.Primal();
                var value = model.Value(plan, stage);
                var dual = session.MipDualBound();
                var stageBound = double.IsFinite(dual) ? Math.Max(dual, value) : double.PositiveInfinity;
                found += value;
                bound += stageBound;
                var gap = settings.GapOf(value, stageBound);
                path.Add($"{Name(stage)} in whole lots: highs MIP, " + (status == SessionStatus.Optimal
                    ? $"within the gap ({Percent(gap)} of the bound)"
                    : $"stopped by the time limit {Percent(gap)} from the bound"));
                if (status == SessionStatus.StoppedWithPlan)
                {
                    stopped = $"the time limit stopped the search for whole lots with the {Name(stage)} {Percent(gap)} below the best possible";
                    break;
                }
                session.AddAtLeastRow(j => model.ValueCoefficient(j, index), value - HoldTolerance * Math.Abs(value));
            }
            valueSeconds = clock.Elapsed.TotalSeconds;
            if (stopped is null)
            {
                session.SetObjective(model.MoneyCoefficient, maximize: false);
                session.SetMipGaps(settings.Gap, MoneyAbsoluteGap);
                session.SetStart(plan!);
                var status = session.Solve(Left());
                cancellation.ThrowIfCancellationRequested();
                if (status is SessionStatus.Optimal or SessionStatus.StoppedWithPlan) plan = session.Primal();
                path.Add($"money in whole lots: highs MIP, " + status switch
                {
                    SessionStatus.Optimal => "within the gap",
                    SessionStatus.StoppedWithPlan => "stopped by the time limit",
                    _ => $"{status}: the value stage's plan is kept",
                });
                var valueGap = settings.GapOf(found, bound);
                if (status != SessionStatus.Optimal)
                    stopped = status == SessionStatus.StoppedWithPlan
                        ? $"the value in whole lots is within {Percent(valueGap)} of the best possible, but the time limit stopped the search before the committed money was minimised (money within {Percent(session.MipGap())} of its bound)"
                        : $"the value in whole lots is within {Percent(valueGap)} of the best possible, but the committed money was not minimised ({status})";
            }
        }

        // 3. Integer decisions fixed; the rest is an LP.
        var fixedModel = model.WithColumnBounds(Fixings(model, plan!));
        var polishLimit = limit is null ? (double?)null : Math.Max(1.0, limit.Value - clock.Elapsed.TotalSeconds);
        var polished = StagedSolver.SolveLp(fixedModel, "highs", polishLimit, cancellation, stageNames);
        path.AddRange(polished.Path.Select(p => $"with the lots fixed: {p}"));
        var figures = new WholeUnitOutcome(relaxedValue, bound, found);
        var seconds = clock.Elapsed.TotalSeconds;
        if (polished.Primal is null)
            return new LpOutcome(LpStatus.Feasible, plan, $"the plan in whole lots is valid to HiGHS's tolerances but could not be polished: {polished.Message}",
                valueSeconds, seconds - valueSeconds) { Backend = "highs", Path = path, WholeUnits = figures };
        var final = stopped is null && polished.Status == LpStatus.Optimal ? LpStatus.Optimal : LpStatus.Feasible;
        return polished with
        {
            Status = final,
            Message = final == LpStatus.Optimal ? null : stopped ?? polished.Message,
            ValueStageSeconds = valueSeconds,
            MoneyStageSeconds = seconds - valueSeconds,
            Backend = "highs",
            Path = path,
            WholeUnits = figures,
        };
    }

    /// <summary>
    /// The bounds that fix the MIP's decisions in <paramref name="plan"/>: each lot count at its whole number, each
    /// minimum order closed (0) or open (at least the minimum, up to the capacity).
    /// </summary>
    private static Dictionary<int, (double, double)> Fixings(LpModel model, double[] plan)
    {
        var bounds = new Dictionary<int, (double, double)>();
        foreach (var c in model.WholeUnits)
        {
            var x = plan[c.Column];
            if (c.Integer)
            {
                var n = Math.Clamp(Math.Round(x), 0, c.MipUpper);
                bounds[c.Column] = (n, n);
            }
            else if (c.SemiLower > 0 && x >= c.SemiLower / 2)
                bounds[c.Column] = (c.SemiLower, Math.Max(c.SemiLower, model.ColumnUpper(c.Column)));
            else
                bounds[c.Column] = (0, c.SemiLower > 0 ? 0 : c.MipUpper);
        }
        return bounds;
    }

    private static string Percent(double gap) =>
        !double.IsFinite(gap) ? "an unknown share"
        : gap is > 0 and < 5e-7 ? "less than 0.0001%"
        : gap.ToString("0.####%", CultureInfo.InvariantCulture);
}
