using Google.OrTools.LinearSolver;
using OrSolver = Google.OrTools.LinearSolver.Solver;

namespace Allocator.Tests.Explanations;

/// <summary>
/// The sign conventions the marginal values rely on (StageOneProbe), and why they come from GLOP: on a toy LP,
/// maximise 3x + 4y + 0.5z subject to x + 2y + z &lt;= 14, x, y, z in [0, 10]. The optimum is x = 10, y = 2, z = 0
/// (value 38); the row's dual is 2 (4 per y over 2 of the row), x at its upper bound gains 3 - 2 = 1 per unit of
/// bound, z at its lower bound would lose 0.5 - 2 = -1.5 per unit.
/// </summary>
public class DualConventionTests
{
    private static (OrSolver Solver, Variable X, Variable Z, Constraint Row) Toy(string id)
    {
        var solver = OrSolver.CreateSolver(id)!;
        solver.SuppressOutput();
        var x = solver.MakeNumVar(0, 10, "x");
        var y = solver.MakeNumVar(0, 10, "y");
        var z = solver.MakeNumVar(0, 10, "z");
        var row = solver.MakeConstraint(double.NegativeInfinity, 14, "row");
        row.SetCoefficient(x, 1);
        row.SetCoefficient(y, 2);
        row.SetCoefficient(z, 1);
        var objective = solver.Objective();
        objective.SetCoefficient(x, 3);
        objective.SetCoefficient(y, 4);
        objective.SetCoefficient(z, 0.5);
        objective.SetMaximization();
        Assert.Equal(OrSolver.ResultStatus.OPTIMAL, solver.Solve());
        Assert.Equal(38, objective.Value(), 9);
        return (solver, x, z, row);
    }

    [Fact]
    public void Glop_DualIsTheGainPerUnitOfBound_ReducedCostIsTheColumnsGain()
    {
        var (solver, x, z, row) = Toy("GLOP");
        using (solver)
        {
            Assert.Equal(2, row.DualValue(), 9);
            Assert.Equal(1, x.ReducedCost(), 9);
            Assert.Equal(-1.5, z.ReducedCost(), 9);
        }
    }

    // OR-Tools 9.15's HiGHS interface copies row activities into the duals (highs_proto_solver.cc sets
    // dual_value from row_value): 14 here, not 2. This is why the explanations take duals from GLOP. If this
    // test fails after an OR-Tools upgrade, the interface was fixed and HiGHS's duals could be used instead.
    [Fact]
    public void HighsThroughOrTools_ReturnsRowActivityAsDual()
    {
        var (solver, _, _, row) = Toy("HIGHS");
        using (solver)
            Assert.Equal(14, row.DualValue(), 9);
    }

    // HiGHS through its own C API (the default backend's session) and GLOP's session report the same numbers: the
    // certificate's bound (Staging/StageCheck.cs) and the explanations read either.
    [Theory]
    [InlineData("highs")]
    [InlineData("glop")]
    public void Session_DualsInGlopsConvention(string backend)
    {
        var model = new Allocator.Solver.Lp.LpModel();
        var x = model.AddColumn(0, 10, value: 3);
        var y = model.AddColumn(0, 10, value: 4);
        var z = model.AddColumn(0, 10, value: 0.5);
        var row = model.AddRow(double.NegativeInfinity, 14);
        model.AddTerm(row, x, 1);
        model.AddTerm(row, y, 2);
        model.AddTerm(row, z, 1);
        using var session = Allocator.Solver.Backends.LpSessions.Open(model, backend);
        session.SetObjective(j => model.ValueCoefficient(j, 0), maximize: true);
        Assert.Equal(Allocator.Solver.Staging.SessionStatus.Optimal, session.Solve(null));
        var (rowDuals, reducedCosts) = session.Duals()!.Value;
        Assert.Equal(2, rowDuals[row], 9);
        Assert.Equal(1, reducedCosts[x], 9);
        Assert.Equal(-1.5, reducedCosts[z], 9);
    }
}
