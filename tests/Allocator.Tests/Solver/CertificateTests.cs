using Allocator.Models;
using Allocator.Solver;
using Allocator.Solver.Certification;
using Allocator.Solver.Formulation;
using Allocator.Solver.Problem;
using Allocator.Solver.Staging;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// <c>diagnostics.certificate</c>: it passes on optimal plans, its bounds really bound the exact optimum (checked
/// against GLPK's rational simplex, independently of the engine), and it fails on plans that break a constraint or
/// fall short of the optimum.
/// </summary>
public class CertificateTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 30));

    [GlpkTheory]
    [MemberData(nameof(Seeds))]
    public void Certificate_RandomRequest_PassesAndItsBoundsEncloseTheExactOptimum(int seed)
    {
        var request = RandomRequests.Create(seed);
        var oracle = OracleCache.Get($"certificate seed {seed}", request);
        var result = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });
        var context = $"seed {seed}\n{RequestReader.Write(request)}";

        var certificate = result.Diagnostics.Certificate!;
        Assert.True(certificate.Passed, $"{certificate.Failure}\n{context}");
        var value = certificate.Stages.Single(s => s.Stage == "value");
        var money = certificate.Stages.Single(s => s.Stage == "money");
        var scale = Math.Max(1e-9, Math.Abs(oracle.Value));
        // Weak duality: no plan has more value than the bound, and the exact optimum is a plan.
        Assert.True(value.Bound >= oracle.Value - 1e-9 * scale, $"value bound {value.Bound:R} below the exact optimum {oracle.Value:R}\n{context}");
        Assert.True(value.Bound <= oracle.Value + 1e-6 * scale, $"value bound {value.Bound:R} far above the exact optimum {oracle.Value:R}\n{context}");
        Assert.True(money.Bound <= oracle.CommittedAtExactValue + 1e-6 * Math.Max(1, oracle.CommittedAtExactValue),
            $"money bound {money.Bound:R} above the exact least money {oracle.CommittedAtExactValue:R}\n{context}");
        Assert.Equal(0, certificate.Violations.RowsBreakingRules);
    }

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void Certificate_Example_PassesWithTinyGaps(string example)
    {
        var result = AllocationEngine.Solve(Examples.Request(example), new SolveOptions { Explain = ExplainLevel.None });
        var certificate = result.Diagnostics.Certificate!;
        Assert.True(certificate.Passed, certificate.Failure);
        Assert.All(certificate.Stages, s => Assert.True(s.Gap <= 1e-9, $"{s.Stage}: gap {s.Gap}"));
        Assert.NotEmpty(result.Diagnostics.SolvePath!);
    }

    public static TheoryData<string> ExampleNames() => new(Examples.All);

    [Fact]
    public void Certificate_PlanOverItsBudget_Fails()
    {
        var (request, problem, formulation, outcome, result) = Solved(Examples.Ukraine2024);
        var rows = result.Allocations.ToList();
        var first = rows[0];
        rows[0] = new AllocationRow
        {
            Donor = first.Donor, Tranche = first.Tranche, Line = first.Line, Period = first.Period, DeliveryPeriod = first.DeliveryPeriod,
            Amount = first.Amount * 50, Units = first.Units * 50,
        };
        var tampered = Copy(result, rows, result.Deliveries);

        var certificate = PlanCertificate.Check(request, problem, tampered, outcome, formulation.Scales, ["value"], formulation.Model.StageCount);

        Assert.False(certificate.Passed);
        Assert.True(certificate.Violations.Budgets > 1 || certificate.Violations.Capacities > 1, certificate.Failure);
    }

    [Fact]
    public void Certificate_PlanShortOfTheOptimum_FailsOnTheValueGap()
    {
        var (request, problem, formulation, outcome, result) = Solved(Examples.Ukraine2024);
        var tampered = Copy(result, result.Allocations, result.Deliveries.Skip(1).ToList());

        var certificate = PlanCertificate.Check(request, problem, tampered, outcome, formulation.Scales, ["value"], formulation.Model.StageCount);

        Assert.False(certificate.Passed);
        Assert.Contains("value stage", certificate.Failure, StringComparison.Ordinal);
        Assert.True(certificate.Stages.Single(s => s.Stage == "value").Gap > 1e-6);
    }

    [Fact]
    public void Certificate_RowForAnIneligibleLine_IsCounted()
    {
        var (request, problem, formulation, outcome, result) = Solved(Examples.TwoDonors);
        var rows = result.Allocations.ToList();
        var first = rows[0];
        var other = request.Lines.Select(l => l.Id).First(id => id != first.Line);
        rows.Add(new AllocationRow { Donor = first.Donor, Tranche = first.Tranche, Line = other, Period = request.Horizon.Periods - 1, DeliveryPeriod = 999, Amount = 1, Units = 1 });

        var certificate = PlanCertificate.Check(request, problem, Copy(result, rows, result.Deliveries), outcome, formulation.Scales, ["value"], formulation.Model.StageCount);

        Assert.False(certificate.Passed);
        Assert.Equal(1, certificate.Violations.RowsBreakingRules);
    }

    private static (AllocationRequest, AllocationProblem, PooledFormulation, Allocator.Solver.Lp.LpOutcome, AllocationResult) Solved(string example)
    {
        var request = Examples.Request(example);
        var problem = ProblemBuilder.Build(request);
        var formulation = new PooledFormulation(problem);
        var outcome = StagedSolver.Solve(formulation.Model, "highs", null, CancellationToken.None);
        var result = AllocationEngine.Solve(request, new SolveOptions { Explain = ExplainLevel.None });
        return (request, problem, formulation, outcome, result);
    }

    private static AllocationResult Copy(AllocationResult r, IReadOnlyList<AllocationRow> allocations, IReadOnlyList<DeliveryRow> deliveries) => new()
    {
        Status = r.Status, BaseCurrency = r.BaseCurrency, Summary = r.Summary, Allocations = allocations, Deliveries = deliveries,
        Donors = r.Donors, Lines = r.Lines, Needs = r.Needs, Diagnostics = r.Diagnostics,
    };
}
