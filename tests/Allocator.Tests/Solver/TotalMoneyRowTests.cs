using Allocator.Scenarios.Hard;
using Allocator.Solver;
using Allocator.Solver.Formulation;
using Allocator.Solver.Lp;
using Allocator.Solver.Problem;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// The share cap's total <c>T</c> is defined on the money entering the pools, not on every unit column
/// (PooledFormulation.AddTotalMoney): no row of the LP grows with the unit columns, since HiGHS pays for a dense row
/// in every simplex iteration that touches it (research-pooled's value stage 73 s → 62 s). Its exactness, with signed
/// and kept money too, is the GLPK oracle's to check (Replanning/ReplanOracleTests, RandomRequestsTests).
/// </summary>
public class TotalMoneyRowTests
{
    [Fact]
    public void Build_NationalPooledWithAShareCap_NoRowHasATermPerUnitColumn()
    {
        var request = HardScenarioGenerator.Generate(HardStructure.Named("national-pooled"), seed: 1);
        Assert.True(request.Policy?.MaxProducerShare < 1);
        var model = new PooledFormulation(ProblemBuilder.Build(request)).Model;

        var unitColumns = Enumerable.Range(0, model.ColumnCount).Count(j => model.MoneyCoefficient(j) > 0);
        var longest = Longest(model);
        // 70,000 unit columns; the longest rows are the category and pool rows of one period, and the tranches' money.
        Assert.True(unitColumns > 50_000, $"{unitColumns} unit columns");
        Assert.True(longest < unitColumns / 10, $"a row with {longest} terms for {unitColumns} unit columns");
    }

    [Fact]
    public void Solve_ShareCapBinds_TheTotalIsTheMoneyCommitted()
    {
        // The cap binds on this request (25%, producers of very different sizes): a wrong T would move the plan.
        var request = HardScenarioGenerator.Generate(HardStructure.Named("small"), seed: 2);
        var share = request.Policy!.MaxProducerShare!.Value;
        var result = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });

        Assert.Equal("optimal", result.Status);
        Assert.Empty(PlanChecker.Check(request, result));
        var byProducer = result.Allocations
            .GroupBy(a => request.Lines.Single(l => l.Id == a.Line).Producer)
            .Select(g => g.Sum(a => a.Amount)).ToList();
        Assert.Equal(result.Summary.Committed, byProducer.Sum(), 6);
        Assert.All(byProducer, money => Assert.True(money <= share * result.Summary.Committed * (1 + 1e-9) + 1e-6));
        Assert.Contains(byProducer, money => money >= share * result.Summary.Committed * (1 - 1e-6));
    }

    private static int Longest(LpModel model)
    {
        var terms = new int[model.RowCount];
        for (var t = 0; t < model.TermCount; t++) terms[model.Term(t).Row]++;
        return terms.Max();
    }
}
