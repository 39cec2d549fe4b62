using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver.Replanning;

/// <summary>
/// Contract 1.1, section 2, against the independent oracle (<see cref="GlpkReplanOracle"/>: the plain formulation
/// with <c>|x - p|</c> written as two rows per cell, in GLPK's exact simplex) on small random re-plans: a month later,
/// a tranche cut or raised, <c>asOf</c> moved on, the past rows half signed, the old plan as <c>previousPlan</c>.
/// </summary>
public class ReplanOracleTests
{
    public static TheoryData<int, string> Cases() => Pairs("pooled", "plain");

    public static TheoryData<int, string> Backends() => Pairs("highs", "glop");

    public static TheoryData<int, double> Factors() => Pairs(0.9, 1.1);

    private static TheoryData<int, T> Pairs<T>(T first, T second)
    {
        var data = new TheoryData<int, T>();
        for (var seed = 0; seed < 30; seed++)
        {
            data.Add(seed, first);
            data.Add(seed, second);
        }
        return data;
    }

    [GlpkTheory]
    [MemberData(nameof(Cases))]
    public void Solve_RandomReplan_AgreesWithOracle(int seed, string formulation)
    {
        var request = ReplanRequests.RandomMonthLater(seed);
        var oracle = GlpkReplanOracle.Solve(request);
        var options = new SolveOptions { Explain = ExplainLevel.None, Formulation = formulation == "plain" ? FormulationKind.Plain : FormulationKind.Pooled };
        var context = $"seed {seed}, {formulation}\n{RequestReader.Write(request)}";

        AllocationResult result;
        try
        {
            result = AllocationEngine.Solve(request, options);
        }
        catch (InvalidRequestException e)
        {
            // Only the share cap can make signed money impossible to honour; the oracle must find no plan either.
            Assert.True(oracle is null, $"{e.Message}\n{context}");
            Assert.Contains(e.Errors, error => error.Path == "$.policy.maxProducerShare");
            return;
        }
        Assert.True(oracle is not null, $"the oracle found no plan, the engine did\n{context}");
        Assert.True(result.Status == "optimal", $"status {result.Status} ({result.Message})\n{context}");
        Assert.Empty(PlanChecker.Check(request, result));
        ReplanChecks.Assert(request, result);

        Assert.True(Math.Abs(result.Summary.Value - oracle.Value) <= 1e-6 * Math.Max(1, oracle.Value), $"value {result.Summary.Value:R}, oracle {oracle.Value:R}\n{context}");
        Assert.True(Math.Abs(result.Summary.Committed - oracle.Committed) <= 1e-6 * Math.Max(1, oracle.Committed), $"committed {result.Summary.Committed:R}, oracle {oracle.Committed:R}\n{context}");
        var scale = Math.Max(1, oracle.Committed + result.Revision!.Previous);
        Assert.True(Math.Abs(result.Summary.Change!.Value - oracle.Change) <= 1e-6 * scale, $"change {result.Summary.Change:R}, oracle D* {oracle.Change:R}\n{context}");
    }

    /// <summary>
    /// A re-plan's value stage sifts from the previous plan's money routes (PooledFormulation.HintRoutes), so the oracle
    /// comparison above checks plans solved that way: most random re-plans have a route to start from.
    /// </summary>
    [Fact]
    public void Solve_RandomReplans_ValueStageSiftsFromThePreviousPlansRoutes()
    {
        var hinted = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            AllocationResult result;
            try
            {
                result = AllocationEngine.Solve(ReplanRequests.RandomMonthLater(seed), new SolveOptions { Explain = ExplainLevel.None });
            }
            catch (InvalidRequestException)
            {
                continue; // signed money the share cap cannot honour (see above)
            }
            Assert.Equal("optimal", result.Status);
            if (result.Diagnostics.SolvePath![0].StartsWith("value: highs, sifting (from the previous plan's money routes, ", StringComparison.Ordinal)) hinted++;
        }
        Assert.True(hinted >= 10, $"{hinted} of 20 re-plans sifted from the previous plan's routes");
    }

    /// <summary>The random re-plans exercise every rule: commitments, a moved asOf, plans that had to change, and some that kept all.</summary>
    [Fact]
    public void MonthLater_RandomReplans_CoverEveryRule()
    {
        var (signed, moved, changed, unchanged) = (0, 0, 0, 0);
        for (var seed = 0; seed < 30; seed++)
        {
            var request = ReplanRequests.RandomMonthLater(seed);
            signed += request.Commitments is { Count: > 0 } ? 1 : 0;
            moved += request.AsOf > 0 ? 1 : 0;
            try
            {
                var change = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None }).Summary.Change;
                changed += change > 0 ? 1 : 0;
                unchanged += change == 0 ? 1 : 0;
            }
            catch (InvalidRequestException)
            {
            }
        }
        Assert.True(signed >= 5 && moved >= 10 && changed >= 10 && unchanged >= 1, $"signed {signed}, asOf moved {moved}, changed {changed}, unchanged {unchanged}");
    }

    /// <summary>Property: a request re-solved with its own plan as the previous plan keeps it all (D = 0), on either backend.</summary>
    [Theory]
    [MemberData(nameof(Backends))]
    public void Solve_OwnPlanAsPrevious_ChangesNothing(int seed, string backend)
    {
        var request = RandomRequests.Create(seed);
        var options = new SolveOptions { Explain = ExplainLevel.None, Backend = backend };
        var first = AllocationEngine.Solve(request, options);

        var again = AllocationEngine.Solve(ReplanRequests.WithPreviousPlan(request, first), options);

        Assert.Equal(0, again.Summary.Change);
        Assert.Equal(first.Summary.Committed, again.Revision!.Kept, 6);
        Assert.Empty(again.Revision.Dropped);
        // The same rows, with the same money up to the LP's last digits (0.399999999999 for 0.4).
        Assert.Equal(first.Allocations.Select(a => (a.Donor, a.Tranche, a.Line, a.Period)),
            again.Allocations.Select(a => (a.Donor, a.Tranche, a.Line, a.Period)));
        foreach (var (a, b) in first.Allocations.Zip(again.Allocations))
            Assert.True(Math.Abs(a.Amount - b.Amount) <= 1e-9 * first.Summary.Committed, $"{a.Amount:R} became {b.Amount:R}");
    }

    /// <summary>
    /// Property: with one tranche changed by 10% and nothing else, the plan moves only the money it must: its D is the
    /// least any plan of optimal value and money can have (the oracle's D*), and all the rest of the old plan is kept.
    /// </summary>
    [GlpkTheory]
    [MemberData(nameof(Factors))]
    public void Solve_TrancheChangedByTenPercent_ChangeIsTheLeastPossible(int seed, double factor)
    {
        var original = RandomRequests.Create(seed);
        var before = AllocationEngine.Solve(original, new SolveOptions { Explain = ExplainLevel.None });
        var request = ReplanRequests.Edit(ReplanRequests.WithPreviousPlan(original, before), root =>
        {
            var tranche = root["donors"]![0]!["tranches"]![0]!;
            tranche["amount"] = tranche["amount"]!.GetValue<double>() * factor;
        });

        var result = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });
        var oracle = GlpkReplanOracle.Solve(request)!;

        var scale = Math.Max(1, before.Summary.Committed + result.Summary.Committed);
        Assert.True(Math.Abs(result.Summary.Change!.Value - oracle.Change) <= 1e-6 * scale, $"change {result.Summary.Change:R}, oracle {oracle.Change:R}");
        // D = C + P - 2 kept: what is not kept is exactly what the change counts.
        Assert.Equal(result.Summary.Committed + before.Summary.Committed - 2 * result.Revision!.Kept, result.Summary.Change.Value, 3);
    }
}
