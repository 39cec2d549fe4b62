using Allocator.Solver.Backends;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;

namespace Allocator.Solver.Explanations;

/// <summary>A marginal value in the lexicographic sense: the first value stage it raises, and by how much (LP units).</summary>
/// <param name="Stage">The first value stage whose optimum grows, or -1 when none does (the value is 0).</param>
/// <param name="Sensitivity">The rate in that stage.</param>
internal readonly record struct StagedValue(int Stage, Sensitivity Sensitivity)
{
    public static readonly StagedValue Zero = new(-1, new Sensitivity(0, DerivativeKind.Dual, false));

    public double Value => Sensitivity.Value;
}

/// <summary>
/// Everything the explanations need from the LP, computed once: per value stage the duals and reduced costs, the money
/// stage's, and the marginal value of every tranche's budget, every need's quantity and every binding capacity, as
/// right-derivatives where a re-solve was affordable.
/// </summary>
internal sealed class SensitivityReport
{
    /// <summary>At most this many tranches (then needs, then binding capacities) get a re-solve per stage; the rest report the dual.</summary>
    public const int MaxProbesPerKind = 200;

    /// <summary>Derivatives below this (LP units) count as 0: GLOP's duals carry noise around 1e-12.</summary>
    public const double Zero = 1e-9;

    /// <summary>Relative step of a finite difference, of the bound being raised.</summary>
    public const double RelativeStep = 1e-4;

    public required StageSnapshot[] Stages { get; init; }
    public required StageSnapshot? Money { get; init; }
    public required StagedValue[] Tranches { get; init; }
    public required StagedValue[] Needs { get; init; }

    /// <summary>Marginal value of one more LP unit of capacity of <c>u[l,t]</c>, for every unit column where it is not 0.</summary>
    public required Dictionary<(int Line, int T), StagedValue> Capacities { get; init; }

    public required List<string> Notes { get; init; }
    public required int ProbeSolves { get; init; }

    /// <summary>Whether every value stage was solved (otherwise the report holds only what was reached).</summary>
    public bool Complete => Stages.Length > 0;

    /// <summary>
    /// Loads the LP into a GLOP solver of its own, solves the value stages one after another and reads every marginal
    /// value from the duals. With <paramref name="resolve"/>, each positive one is also checked by a warm re-solve
    /// (at most <see cref="MaxProbesPerKind"/> per kind and stage) and replaced by the measured right-derivative where
    /// the LP is degenerate, and the money stage is solved too (for break-even prices among equally valuable lines).
    /// </summary>
    public static SensitivityReport Measure(LpModel model, PooledMap map, AllocationProblem p, bool resolve,
        double? timeLimitSeconds, CancellationToken cancellationToken)
    {
        using var session = LpSessions.Open(model, "glop", probing: true);
        var probe = new StageOneProbe(session, model, timeLimitSeconds, cancellationToken);
        return Evaluate(model, map, p, probe.Solve, resolve ? probe : null,
            resolve ? $"at most {MaxProbesPerKind} of each kind are re-solved per value stage" : "re-solves are left out at this size; explain level 'full' adds them",
            resolve ? probe.MoneyStage : null);
    }

    /// <summary>
    /// Reads every marginal value from value stages already solved, with their duals (the main HiGHS solve's, through
    /// its C API): no solve at all, and no re-solve checks.
    /// </summary>
    public static SensitivityReport FromStages(IReadOnlyList<StageSnapshot> stages, LpModel model, PooledMap map, AllocationProblem p) =>
        Evaluate(model, map, p, stage => stages[stage], probe: null,
            "they are read from the main solve's duals; explain level 'full' checks them by re-solves", money: null);

    /// <summary>
    /// The marginal value of every tranche, need and capacity, stage by stage: the first value stage in which it is
    /// positive. <paramref name="solveStage"/> gives each stage's optimum (null when it could not be reached);
    /// <paramref name="probe"/>, when given, checks each positive dual by a re-solve right after its stage.
    /// </summary>
    private static SensitivityReport Evaluate(LpModel model, PooledMap map, AllocationProblem p, Func<int, StageSnapshot?> solveStage,
        StageOneProbe? probe, string whyUnchecked, Func<StageSnapshot?>? money)
    {
        var notes = new List<string>();
        var probeLimit = probe is null ? 0 : MaxProbesPerKind;

        var tranches = Enumerable.Repeat(StagedValue.Zero, p.Tranches.Length).ToArray();
        var needs = Enumerable.Repeat(StagedValue.Zero, p.Needs.Length).ToArray();
        var capacities = new Dictionary<(int, int), StagedValue>();
        var budgets = Enumerable.Range(0, p.Tranches.Length).Select(k => new Perturbation(
            [map.BudgetRow(k)],
            Enumerable.Range(0, p.Periods).Select(t => map.TrancheMoneyColumn(k, t)).Where(j => j >= 0).ToArray())).ToArray();
        var quantities = Enumerable.Range(0, p.Needs.Length).Select(n => map.NeedRow(n) < 0 ? null : new Perturbation(
            [map.NeedRow(n)],
            Enumerable.Range(0, p.Periods).SelectMany(s => map.NeedShareColumns(n, s)).ToArray())).ToArray();
        var unitColumns = Enumerable.Range(0, p.Lines.Length)
            .SelectMany(l => Enumerable.Range(0, p.Periods).Select(t => (l, t, j: map.UnitColumn(l, t))))
            .Where(x => x.j >= 0).ToList();

        var stages = new List<StageSnapshot>();
        var skipped = (Tranches: 0, Needs: 0, Capacities: 0);
        for (var stage = 0; stage < model.StageCount; stage++)
        {
            var snapshot = solveStage(stage);
            if (snapshot is null)
            {
                notes.Add(stage == 0
                    ? "GLOP did not reach an optimum for the explanations within the time limit: no marginal values"
                    : $"GLOP did not reach an optimum for value stage {stage + 1} within the time limit: later tiers' marginal values are missing");
                break;
            }
            stages.Add(snapshot);
            var probes = (Tranches: 0, Needs: 0, Capacities: 0);

            for (var k = 0; k < tranches.Length; k++)
            {
                if (tranches[k].Stage >= 0) continue;
                var found = Measure(probe, snapshot, budgets[k], Step(model.RowUpper(map.BudgetRow(k))), probeLimit, ref probes.Tranches, ref skipped.Tranches);
                if (found.Value > Zero) tranches[k] = new StagedValue(stage, found);
            }
            for (var n = 0; n < needs.Length; n++)
            {
                if (needs[n].Stage >= 0 || quantities[n] is not { } raise) continue;
                var found = Measure(probe, snapshot, raise, Step(1), probeLimit, ref probes.Needs, ref skipped.Needs);
                if (found.Value > Zero) needs[n] = new StagedValue(stage, found);
            }
            foreach (var (l, t, j) in unitColumns)
            {
                if (capacities.ContainsKey((l, t))) continue;
                var found = Measure(probe, snapshot, new Perturbation([], [j]), Step(model.ColumnUpper(j)), probeLimit, ref probes.Capacities, ref skipped.Capacities);
                if (found.Value > Zero) capacities[(l, t)] = new StagedValue(stage, found);
            }
        }
        var why = whyUnchecked;
        if (skipped.Tranches > 0)
            notes.Add($"{skipped.Tranches} tranche marginal values are the LP's duals, not checked by a re-solve ({why}): where the LP is degenerate they may overstate the value of adding money");
        if (skipped.Needs > 0)
            notes.Add($"{skipped.Needs} need marginal values are the LP's duals, not checked by a re-solve ({why})");
        if (skipped.Capacities > 0)
            notes.Add($"{skipped.Capacities} capacity values are the LP's reduced costs, not checked by a re-solve ({why})");

        return new SensitivityReport
        {
            Stages = [.. stages],
            Money = money is not null && stages.Count == model.StageCount ? money() : null,
            Tranches = tranches,
            Needs = needs,
            Capacities = capacities,
            Notes = notes,
            ProbeSolves = probe?.ProbeSolves ?? 0,
        };
    }

    private static Sensitivity Measure(StageOneProbe? probe, StageSnapshot snapshot, Perturbation raise, double step, int limit, ref int used, ref int skipped)
    {
        var dual = StageOneProbe.BasisDerivative(snapshot, raise);
        if (dual <= Zero) return new Sensitivity(0, DerivativeKind.Dual, false);
        if (probe is null || used >= limit)
        {
            skipped++;
            return new Sensitivity(dual, DerivativeKind.Dual, false);
        }
        used++;
        return probe.RightDerivative(snapshot, raise, step);
    }

    private static double Step(double bound) => RelativeStep * Math.Max(Math.Abs(bound), 1e-2);
}
