using Allocator.Models;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;

namespace Allocator.Solver.Certification;

/// <summary>
/// Checks a reported plan in the contract's own units, from its rows as a planner reads them (not from the LP's
/// scaled point): every constraint family of the contract, the rules every row must keep, and each stage's objective
/// against the bound its duals prove (<see cref="Staging.StageCheck"/>, converted from LP units). The engine reports
/// <c>optimal</c> only for a plan that passes; docs/reliability.md, "The certificate".
/// </summary>
internal static class PlanCertificate
{
    /// <summary>The contract's accuracy: constraints and optimality to 1e-6 relative.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Units and money of one row agree to this (both are rounded to 12 significant digits when reported).</summary>
    private const double RowAgreement = 1e-9;

    // valueStages: the LP's value stages (LpModel.StageCount), each of which must have a verdict.
    public static Certificate Check(AllocationRequest request, AllocationProblem p, AllocationResult result, LpOutcome outcome,
        Scales scales, IReadOnlyList<string> stageNames, int valueStages)
    {
        var breaking = 0;
        var donorIndex = request.Donors.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var lineIndex = request.Lines.Select((l, i) => (l.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var needIndex = request.Needs.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var trancheIndex = p.Tranches.Select((k, i) => (Key: (k.Donor, k.IndexInDonor), i)).ToDictionary(x => x.Key, x => x.i);

        var spent = new double[p.Tranches.Length];
        var funded = p.Lines.Select(_ => new double[p.Periods]).ToArray(); // units by delivery period
        var producerMoney = new double[p.ProducerCount];
        var total = 0.0;
        var cells = new Dictionary<(int, int, int), double>();
        foreach (var row in result.Allocations)
        {
            if (!donorIndex.TryGetValue(row.Donor, out var d) || !lineIndex.TryGetValue(row.Line, out var l)
                || !trancheIndex.TryGetValue((d, row.Tranche), out var k) || !p.CanCommit(k, l, row.Period)
                || row.DeliveryPeriod != row.Period + p.Lines[l].LeadTime || !(row.Amount > 0)
                || Math.Abs(row.Units * p.Lines[l].UnitCost - row.Amount) > RowAgreement * row.Amount)
            {
                breaking++;
                continue;
            }
            if (row.Period < p.AsOf && p.SignedAmount(k, l, row.Period) <= 0)
            {
                breaking++; // contract 1.1: no new money before asOf
                continue;
            }
            if (p.Signed.Count > 0)
                cells[(k, l, row.Period)] = cells.GetValueOrDefault((k, l, row.Period)) + row.Amount;
            spent[k] += row.Amount;
            funded[l][row.DeliveryPeriod] += row.Units;
            producerMoney[p.Lines[l].Producer] += row.Amount;
            total += row.Amount;
        }

        // Contract 1.1: every signed cell holds at least its commitment (the rows are rounded to 12 digits).
        breaking += p.Signed.Count(c => cells.GetValueOrDefault(c.Key) < c.Value * (1 - Tolerance));

        var delivered = p.Lines.Select(_ => new double[p.Periods]).ToArray();
        var received = new double[p.Needs.Length];
        var stageValue = new double[p.StageCount];
        foreach (var row in result.Deliveries)
        {
            if (!lineIndex.TryGetValue(row.Line, out var l) || !needIndex.TryGetValue(row.Need, out var n)
                || row.Period < 0 || row.Period >= p.Periods || p.Lines[l].Category != p.Needs[n].Category || !(row.Units > 0)
                || Math.Abs(p.ExpectedUnitValue(n, p.SlipOf(l), row.Period) * row.Units - row.Value) > RowAgreement * Math.Max(row.Value, 1e-300))
            {
                breaking++;
                continue;
            }
            delivered[l][row.Period] += row.Units;
            received[n] += row.Units;
            stageValue[p.Needs[n].Stage] += row.Value;
        }

        var violations = new CertificateViolations
        {
            Budgets = Worst(p.Tranches.Select((k, i) => Excess(spent[i], k.Budget, k.Budget))),
            Capacities = Worst(p.Lines.SelectMany((line, l) => Enumerable.Range(0, p.Periods)
                .Select(s => Excess(funded[l][s], line.Capacity[s], Math.Max(line.Capacity[s], line.Capacity.Max()))))),
            Deliveries = Worst(p.Lines.SelectMany((_, l) => Enumerable.Range(0, p.Periods)
                .Select(s => Excess(delivered[l][s], funded[l][s], funded[l][s])))),
            NeedQuantities = Worst(p.Needs.Select((need, n) => Excess(received[n], need.Quantity, need.Quantity))),
            ProducerShare = p.MaxProducerShare is { } m && m < 1
                ? Worst(producerMoney.Select(money => Excess(money, m * total, total)))
                : 0,
            RowsBreakingRules = breaking,
        };

        var stages = Stages(p, result, outcome, scales, stageNames, stageValue);
        var failure = Failure(violations, stages, outcome, valueStages);
        return new Certificate
        {
            Passed = failure is null,
            Tolerance = Tolerance,
            Violations = violations,
            Stages = stages,
            Failure = failure,
        };
    }

    /// <summary>Each stage solved to optimality: the reported plan's objective against its proven bound, in the contract's units.</summary>
    private static List<StageBound> Stages(AllocationProblem p, AllocationResult result, LpOutcome outcome, Scales scales,
        IReadOnlyList<string> stageNames, double[] stageValue)
    {
        var maxValue = p.Needs.Sum(n => n.Priority);
        var available = p.Tranches.Sum(k => k.Budget);
        var stages = new List<StageBound>();
        // The change stage (contract 1.1) and the tie rule (and its routes) are checked by StageCheck when solved; the certificate's stages are
        // the contract's value and money, whose objectives a planner can add up from the rows.
        foreach (var verdict in outcome.Verdicts.Where(v => !v.Objective.IsChange && !v.Objective.IsTie && !v.Objective.IsRoutes))
        {
            var money = verdict.Objective.IsMoney;
            var objective = money ? result.Summary.Committed : stageValue[verdict.Objective.Stage];
            double? bound = verdict.Bound is { } b ? b * (money ? scales.Money : scales.Value) : null;
            // The distance either way: a bound on the wrong side of the objective is rounding, not proof (StageVerdict.Passed).
            // Gaps relative to the stage's objective, but never to less than 1e-6 of the request's scale (the value of
            // every need, all the money): a stage worth 0 whose bound is 1e-14 of the request's value (rounding noise in
            // the duals) is optimal, one whose bound is 1e-7 of it is not.
            var floor = 1e-6 * (money ? available : maxValue);
            double? gap = bound is { } proven
                ? Math.Abs(objective - proven) / Math.Max(Math.Abs(proven), floor)
                : null;
            stages.Add(new StageBound
            {
                Stage = money ? "money" : p.StageCount == 1 ? "value" : $"value of {stageNames[verdict.Objective.Stage]}",
                Objective = Results.Figures.Round(objective),
                Bound = bound is { } x ? Results.Figures.Round(x) : null,
                Gap = gap is { } g ? Results.Figures.Round(g) : null,
            });
        }
        return stages;
    }

    /// <summary>Whether a plan with these violations keeps every constraint of the contract (its optimality aside).</summary>
    public static bool KeepsConstraints(CertificateViolations v) => Broken(v).Count == 0;

    /// <summary>Each constraint family the plan breaks beyond the tolerance, and rows that break a rule, in words.</summary>
    private static List<string> Broken(CertificateViolations v)
    {
        var broken = new (string Name, double Excess)[]
        {
            ("budgets", v.Budgets), ("capacities", v.Capacities), ("deliveries", v.Deliveries),
            ("need quantities", v.NeedQuantities), ("the producer-share cap", v.ProducerShare),
        }.Where(x => x.Excess > Tolerance).Select(x => $"{x.Name} exceeded by {x.Excess:G2} (relative)").ToList();
        if (v.RowsBreakingRules > 0) broken.Add(v.RowsBreakingRules == 1 ? "1 row breaks a rule of the contract" : $"{v.RowsBreakingRules} rows break a rule of the contract");
        return broken;
    }

    private static string? Failure(CertificateViolations v, List<StageBound> stages, LpOutcome outcome, int valueStages)
    {
        var broken = Broken(v);
        broken.AddRange(stages.Where(s => s.Gap > Tolerance).Select(s => $"the {s.Stage} stage is {s.Gap:G2} (relative) from its proven bound"));
        if (outcome.Verdicts.Count < valueStages + 1) broken.Add("not every stage was solved to a proven optimum");
        return broken.Count == 0 ? null : string.Join("; ", broken);
    }

    /// <summary>How far <paramref name="value"/> exceeds <paramref name="limit"/>, relative to <paramref name="scale"/>.</summary>
    private static double Excess(double value, double limit, double scale) =>
        value <= limit ? 0 : (value - limit) / Math.Max(scale, double.Epsilon);

    private static double Worst(IEnumerable<double> excesses) => Results.Figures.Round(excesses.DefaultIfEmpty(0).Max());
}
