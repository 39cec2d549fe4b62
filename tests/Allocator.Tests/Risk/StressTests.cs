using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Risk;

/// <summary>
/// <see cref="DeliveryRisk.Stress"/> against exact probabilities: on a tiny request, every outcome of the slips (each
/// line and due period drawn independently) is enumerated with its probability, straight from the spec's definitions
/// (<see cref="SpecTerms"/>), and the sampled estimates must lie within a few standard errors of the exact figures.
/// </summary>
public class StressTests
{
    private const int Samples = 20_000;

    /// <summary>Standard errors an estimate may stray (a false alarm about once in 1.7 million per figure).</summary>
    private const double Z = 5;

    // P = 3; three lines of one category: a and b slip, c is always on time. Need n1 is urgent (due 0, half its value
    // lost per period late), n2 is due at the end. The plan uses a few (line, due period) cells of a and b.
    private const string Tiny = """
        {
          "schemaVersion": "1", "baseCurrency": "USD", "horizon": { "periods": 3 },
          "donors": [ { "id": "d", "tranches": [ { "amount": 1000, "currency": "USD" } ] } ],
          "lines": [
            { "id": "a", "producer": "pa", "country": "UA", "category": "x", "unitCost": 10, "currency": "USD", "leadTime": 0, "capacity": 2, "slip": [0.5, 0.3, 0.2] },
            { "id": "b", "producer": "pb", "country": "UA", "category": "x", "unitCost": 12, "currency": "USD", "leadTime": 0, "capacity": 2, "slip": [0.7, 0.3] },
            { "id": "c", "producer": "pc", "country": "UA", "category": "x", "unitCost": 30, "currency": "USD", "leadTime": 0, "capacity": 1 }
          ],
          "needs": [
            { "id": "n1", "category": "x", "quantity": 3, "priority": 6, "dueBy": 0, "lateDecay": 0.5 },
            { "id": "n2", "category": "x", "quantity": 4, "priority": 4, "dueBy": 2, "lateDecay": 0.25 }
          ]
        }
        """;

    [Fact]
    public void Stress_TinyRequest_EstimatesMatchExactProbabilities()
    {
        var request = TestRequests.Parse(Tiny);
        var result = AllocationEngine.Solve(request);
        Assert.Equal("optimal", result.Status);
        var exact = Enumerate(request, result);
        Assert.True(exact.Outcomes.Count > 1, "the plan must use a line that slips");

        var report = DeliveryRisk.Stress(request, result, Samples, seed: 7);

        Close(exact.Expected(o => o.Total), report.Value.Expected, 1e-9, "expected value");
        Close(result.Summary.Value, report.Value.Expected, 1e-9, "expected value = the result's value");
        Sampled(exact, o => o.Total, report.Value, "plan value");
        for (var n = 0; n < request.Needs.Count; n++)
        {
            var need = report.Needs[n];
            var what = request.Needs[n].Id;
            Sampled(exact, o => o.Values[n], need.Value, what);
            var planned = exact.PlannedOnTime[n];
            Close(planned, need.PlannedOnTimeUnits, 1e-9, $"{what} planned on time");
            if (planned > 0)
            {
                var p = exact.Expected(o => o.OnTime[n] >= planned * (1 - 1e-9) ? 1 : 0);
                var error = Math.Sqrt(p * (1 - p) / Samples);
                Assert.True(Math.Abs(need.OnTimeProbability!.Value - p) <= Z * error + 1e-12,
                    $"{what}: P(on time) {need.OnTimeProbability:R}, exact {p:R} (standard error {error:R})");
            }
            else
                Assert.Null(need.OnTimeProbability);
            Mean(exact, o => o.OnTime[n], need.MeanOnTimeUnits, $"{what} on-time units");
        }

        // A producer's failure loses, in expectation, exactly what its lines deliver: E[V] - E[V without them].
        foreach (var producer in report.Producers)
        {
            var lost = exact.Expected(o => o.Total) - exact.Expected(o => o.Without[producer.Producer]);
            Close(lost, producer.Loss, 1e-9, $"loss if {producer.Producer} fails");
        }
        Assert.Equal(report.Producers.OrderByDescending(p => p.Loss).Select(p => p.Producer), report.Producers.Select(p => p.Producer));
    }

    [Fact]
    public void Stress_SameSeed_SameReport_OtherSeed_OtherSamples()
    {
        var request = TestRequests.Parse(Tiny);
        var result = AllocationEngine.Solve(request);

        var once = AllocatorJson.Serialize(DeliveryRisk.Stress(request, result, 2000, seed: 11));
        var again = AllocatorJson.Serialize(DeliveryRisk.Stress(request, result, 2000, seed: 11));
        var other = AllocatorJson.Serialize(DeliveryRisk.Stress(request, result, 2000, seed: 12));

        Assert.Equal(once, again);
        Assert.NotEqual(once, other);
    }

    [Fact]
    public void Stress_NoSlips_EveryOutcomeIsThePlan()
    {
        var request = Examples.Request("ukraine-2024.json");
        var result = AllocationEngine.Solve(request);

        var report = DeliveryRisk.Stress(request, result, 50);

        Assert.Equal(result.Summary.Value, report.Value.Expected, 9);
        Assert.Equal(report.Value.Expected, report.Value.P10);
        Assert.Equal(report.Value.Expected, report.Value.P90);
        Assert.All(report.Needs.Where(n => n.OnTimeProbability is not null), n => Assert.Equal(1, n.OnTimeProbability));
        Assert.Equal(result.Summary.Value, report.Producers.Sum(p => p.Loss), 6);
    }

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    /// <summary>The sampled mean within Z standard errors of the exact mean.</summary>
    private static void Mean(Exact exact, Func<Outcome, double> x, double sampled, string what)
    {
        var mean = exact.Expected(x);
        var sd = Math.Sqrt(Math.Max(0, exact.Expected(o => x(o) * x(o)) - mean * mean));
        Assert.True(Math.Abs(sampled - mean) <= Z * sd / Math.Sqrt(Samples) + 1e-9 * Math.Max(1, Math.Abs(mean)),
            $"{what}: sampled mean {sampled:R}, exact {mean:R} (sd {sd:R})");
    }

    /// <summary>
    /// Mean and percentiles of a sampled value. The sample's q-th percentile (nearest rank) lies between the exact
    /// distribution's quantiles at q - δ and q + δ, δ being Z standard errors of a share estimated from the samples.
    /// </summary>
    private static void Sampled(Exact exact, Func<Outcome, double> x, ValueSpread spread, string what)
    {
        Close(exact.Expected(o => o.IfOnTime(x)), spread.IfOnTime, 1e-9, $"{what} if on time");
        Mean(exact, x, spread.Mean, what);
        foreach (var (q, sampled) in new[] { (0.1, spread.P10), (0.5, spread.P50), (0.9, spread.P90) })
        {
            var delta = Z * Math.Sqrt(q * (1 - q) / Samples);
            var low = exact.Quantile(x, q - delta);
            var high = exact.Quantile(x, q + delta);
            Assert.True(sampled >= low - 1e-9 * Math.Max(1, Math.Abs(low)) && sampled <= high + 1e-9 * Math.Max(1, Math.Abs(high)),
                $"{what}: P{q * 100} sampled {sampled:R}, exact quantiles at q -/+ {delta:R}: [{low:R}, {high:R}]");
        }
    }

    /// <summary>One joint outcome of every slipping cell, with its probability and what each need gets.</summary>
    private sealed record Outcome(double Probability, double Total, double[] Values, double[] OnTime,
        Dictionary<string, double> Without, Func<Func<Outcome, double>, double> IfOnTime);

    private sealed record Exact(List<Outcome> Outcomes, double[] PlannedOnTime)
    {
        public double Expected(Func<Outcome, double> x) => Outcomes.Sum(o => o.Probability * x(o));

        /// <summary>The smallest value whose cumulative probability reaches <paramref name="q"/>.</summary>
        public double Quantile(Func<Outcome, double> x, double q)
        {
            q = Math.Clamp(q, 1e-12, 1);
            var cumulative = 0.0;
            var sorted = Outcomes.Select(o => (Value: x(o), o.Probability)).OrderBy(o => o.Value).ToList();
            foreach (var (value, probability) in sorted)
            {
                cumulative += probability;
                if (cumulative >= q - 1e-12) return value;
            }
            return sorted[^1].Value;
        }
    }

    /// <summary>Every combination of delays of the (line, due period) cells the plan uses, from the request's slips.</summary>
    private static Exact Enumerate(AllocationRequest request, AllocationResult result)
    {
        var spec = new SpecTerms(request);
        var lines = request.Lines.ToDictionary(l => l.Id);
        var needIndex = request.Needs.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var rows = result.Deliveries;
        var cells = rows.Where(y => lines[y.Line].Slip is not null).Select(y => (y.Line, y.Period)).Distinct().ToList();
        var planned = new double[request.Needs.Count];
        foreach (var y in rows)
            if (y.Period <= request.Needs[needIndex[y.Need]].DueBy) planned[needIndex[y.Need]] += y.Units;

        // The same figures with every unit on time, for the exact "if on time" values.
        var onTimeValues = new double[request.Needs.Count];
        foreach (var y in rows) onTimeValues[needIndex[y.Need]] += y.Units * SpecTerms.UnitValue(request.Needs[needIndex[y.Need]], y.Period);

        var outcomes = new List<Outcome>();
        void Walk(int cell, double probability, Dictionary<(string, int), int> delays)
        {
            if (cell == cells.Count)
            {
                var values = new double[request.Needs.Count];
                var onTime = new double[request.Needs.Count];
                var without = request.Lines.Select(l => l.Producer).Distinct().ToDictionary(p => p, _ => 0.0);
                foreach (var y in rows)
                {
                    var n = needIndex[y.Need];
                    var arrives = y.Period + delays.GetValueOrDefault((y.Line, y.Period));
                    var value = arrives <= spec.Periods - 1 ? y.Units * SpecTerms.UnitValue(request.Needs[n], arrives) : 0;
                    values[n] += value;
                    if (arrives <= request.Needs[n].DueBy) onTime[n] += y.Units;
                    foreach (var p in without.Keys.Where(p => p != lines[y.Line].Producer).ToList()) without[p] += value;
                }
                Func<Func<Outcome, double>, double> ifOnTime = x => x(new Outcome(1, onTimeValues.Sum(), onTimeValues, planned, [], _ => 0));
                outcomes.Add(new Outcome(probability, values.Sum(), values, onTime, without, ifOnTime));
                return;
            }
            var slip = lines[cells[cell].Line].Slip!;
            for (var d = 0; d < slip.Count; d++)
            {
                if (slip[d] == 0) continue;
                delays[cells[cell]] = d;
                Walk(cell + 1, probability * slip[d], delays);
            }
            delays.Remove(cells[cell]);
        }
        Walk(0, 1, []);
        return new Exact(outcomes, planned);
    }
}
