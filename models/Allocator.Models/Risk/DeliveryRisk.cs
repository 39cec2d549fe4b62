using System.Globalization;

namespace Allocator.Models;

/// <summary>
/// Delivery risk of a plan (an extension beside contract 1.1, section 4; docs/contract.md, "Stress-testing a plan"):
/// its deliveries replayed with slips drawn from the request's <c>lines[].slip</c>, and what each producer's failure
/// would cost. The plan is held fixed: a unit that arrives late still goes to the need it was meant for.
/// </summary>
public static class DeliveryRisk
{
    /// <summary>The default number of sampled outcomes.</summary>
    public const int DefaultSamples = 10_000;

    /// <summary>Whether some line of the request may deliver late.</summary>
    public static bool HasSlips(AllocationRequest request) => request.Lines.Any(MaySlip);

    /// <summary>Whether the line may deliver late: it has a slip other than <c>[1]</c> (or <c>[1, 0, ...]</c>).</summary>
    public static bool MaySlip(ProductionLine line) =>
        line.Slip is { Count: > 0 } slip && !(slip[0] == 1 && slip.Skip(1).All(p => p == 0));

    /// <summary>
    /// Exact figures, without sampling: the plan's expected value, its value if every unit arrived when due, and every
    /// producer that delivers, the largest loss first.
    /// </summary>
    public static (double Expected, double IfOnTime, IReadOnlyList<ProducerExposure> Producers) Exposure(
        AllocationRequest request, AllocationResult result)
    {
        var plan = new PlanDeliveries(request, result);
        var expected = plan.Rows.Sum(r => r.Units * plan.ExpectedUnitValue(r.Line, r.Need, r.Due));
        var ifOnTime = plan.Rows.Sum(r => r.Units * plan.UnitValue(r.Need, r.Due));
        return (Round(expected), Round(ifOnTime), Producers(plan, expected));
    }

    /// <summary>
    /// Replays the plan <paramref name="samples"/> times: in each outcome, every line's units due in a period arrive
    /// together, late by a delay drawn from the line's slip (independently for each line and period).
    /// </summary>
    /// <param name="request">The request the result was solved from.</param>
    /// <param name="result">The plan.</param>
    /// <param name="samples">Number of outcomes, at least 1.</param>
    /// <param name="seed">Seed: the same inputs and seed give the same report.</param>
    public static StressReport Stress(AllocationRequest request, AllocationResult result, int samples = DefaultSamples, long seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var plan = new PlanDeliveries(request, result);
        var rows = plan.Rows;
        var needCount = request.Needs.Count;

        // The (line, due period) cells that slip, in a fixed order, each drawn once per outcome.
        var cells = rows.Where(r => plan.Slip(r.Line) is not null).Select(r => (r.Line, r.Due)).Distinct()
            .OrderBy(c => c.Line).ThenBy(c => c.Due).ToList();
        var cellOf = cells.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var cellSlips = cells.Select(c => plan.Slip(c.Line)!.ToArray()).ToArray();
        var cumulative = cells.Select(c => c.Line).Distinct().ToDictionary(l => l, l => SlipSampler.Cumulative(plan.Slip(l)!));
        var cellCumulative = cells.Select(c => cumulative[c.Line]).ToArray();

        var plannedOnTime = new double[needCount];
        foreach (var r in rows)
            if (r.Due <= request.Needs[r.Need].DueBy) plannedOnTime[r.Need] += r.Units;

        // What does not slip is the same in every outcome; what slips is, per cell and need, a value and a number of
        // on-time units for each possible delay, computed once (a national plan has tens of thousands of rows).
        var fixedValue = new double[needCount];
        var fixedOnTime = new double[needCount];
        var terms = new Dictionary<(int Cell, int Need), (double[] Value, double[] OnTime)>();
        foreach (var r in rows)
        {
            var dueBy = request.Needs[r.Need].DueBy;
            if (!cellOf.TryGetValue((r.Line, r.Due), out var cell))
            {
                fixedValue[r.Need] += r.Units * plan.UnitValue(r.Need, r.Due);
                if (r.Due <= dueBy) fixedOnTime[r.Need] += r.Units;
                continue;
            }
            var delays = cellSlips[cell].Length;
            if (!terms.TryGetValue((cell, r.Need), out var term))
                terms[(cell, r.Need)] = term = (new double[delays], new double[delays]);
            for (var d = 0; d < delays; d++)
            {
                term.Value[d] += r.Units * plan.UnitValue(r.Need, r.Due + d);
                if (r.Due + d <= dueBy) term.OnTime[d] += r.Units;
            }
        }
        var termList = terms.OrderBy(t => t.Key.Cell).ThenBy(t => t.Key.Need)
            .Select(t => (t.Key.Cell, t.Key.Need, t.Value.Value, t.Value.OnTime)).ToArray();

        var sampler = new SlipSampler(seed);
        var drawn = new int[cells.Count];
        var total = new double[samples];
        var needValue = Enumerable.Range(0, needCount).Select(_ => new double[samples]).ToArray();
        var onTimeSum = new double[needCount];
        var metCount = new int[needCount];
        var onTime = new double[needCount];
        for (var i = 0; i < samples; i++)
        {
            for (var c = 0; c < cells.Count; c++)
                drawn[c] = sampler.Delay(cellCumulative[c]);
            Array.Copy(fixedOnTime, onTime, needCount);
            for (var n = 0; n < needCount; n++) needValue[n][i] = fixedValue[n];
            foreach (var (cell, need, value, units) in termList)
            {
                needValue[need][i] += value[drawn[cell]];
                onTime[need] += units[drawn[cell]];
            }
            for (var n = 0; n < needCount; n++)
            {
                total[i] += needValue[n][i];
                onTimeSum[n] += onTime[n];
                if (plannedOnTime[n] > 0 && onTime[n] >= plannedOnTime[n] * (1 - 1e-9)) metCount[n]++;
            }
        }

        var exactNeed = new double[needCount];
        var ifOnTimeNeed = new double[needCount];
        foreach (var r in rows)
        {
            exactNeed[r.Need] += r.Units * plan.ExpectedUnitValue(r.Line, r.Need, r.Due);
            ifOnTimeNeed[r.Need] += r.Units * plan.UnitValue(r.Need, r.Due);
        }
        var expected = exactNeed.Sum();
        return new StressReport
        {
            Samples = samples,
            Seed = seed,
            Value = Spread(expected, ifOnTimeNeed.Sum(), total),
            Needs = request.Needs.Select((need, n) => new NeedStress
            {
                Id = need.Id,
                PlannedOnTimeUnits = Round(plannedOnTime[n]),
                OnTimeProbability = plannedOnTime[n] > 0 ? Round((double)metCount[n] / samples) : null,
                MeanOnTimeUnits = Round(onTimeSum[n] / samples),
                Value = Spread(exactNeed[n], ifOnTimeNeed[n], needValue[n]),
            }).ToList(),
            Producers = Producers(plan, expected),
        };
    }

    /// <summary>Nearest-rank percentile of sorted values: the smallest value with at least a share <paramref name="q"/> at or below it.</summary>
    internal static double Percentile(double[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length - 1e-9) - 1, 0, sorted.Length - 1)];

    private static ValueSpread Spread(double expected, double ifOnTime, double[] samples)
    {
        var sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        return new ValueSpread
        {
            Expected = Round(expected),
            IfOnTime = Round(ifOnTime),
            Mean = Round(samples.Average()),
            P10 = Round(Percentile(sorted, 0.1)),
            P50 = Round(Percentile(sorted, 0.5)),
            P90 = Round(Percentile(sorted, 0.9)),
        };
    }

    private static List<ProducerExposure> Producers(PlanDeliveries plan, double expected)
    {
        var lines = plan.Request.Lines;
        return plan.Rows
            .GroupBy(r => lines[r.Line].Producer, StringComparer.Ordinal)
            .Select(g =>
            {
                var loss = g.Sum(r => r.Units * plan.ExpectedUnitValue(r.Line, r.Need, r.Due));
                return new ProducerExposure
                {
                    Producer = g.Key,
                    Lines = g.Select(r => r.Line).Distinct().Order().Select(l => lines[l].Id).ToList(),
                    Loss = Round(loss),
                    LossShare = expected > 0 ? Round(loss / expected) : 0,
                    Needs = g.GroupBy(r => r.Need)
                        .Select(n => (Need: n.Key, Loss: n.Sum(r => r.Units * plan.ExpectedUnitValue(r.Line, r.Need, r.Due))))
                        .OrderByDescending(n => n.Loss).ThenBy(n => n.Need)
                        .Select(n => new NeedLoss { Id = plan.Request.Needs[n.Need].Id, Loss = Round(n.Loss) })
                        .ToList(),
                };
            })
            .OrderByDescending(p => p.Loss).ThenBy(p => p.Producer, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>12 significant digits, as results report figures (sampling noise beyond that means nothing).</summary>
    private static double Round(double x) =>
        x == 0 || !double.IsFinite(x) ? 0 : double.Parse(x.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
