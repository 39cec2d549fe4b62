using Allocator.Solver.Staging;

namespace Allocator.Tests.Solver;

/// <summary>
/// <see cref="StageVerdict"/> accepts a stage only when its bound is within the tolerance of its objective on either
/// side: weak duality puts a valid bound on one side only, so one far on the other side is rounding, not proof (on
/// <c>national</c>'s money stage, multipliers extended from the optimal face gave a lower bound 9e-6 above the money
/// committed, and the check had taken it as proof).
/// </summary>
public class StageVerdictTests
{
    private const double Money = 1000;

    [Theory]
    [InlineData(Money, true)]                 // the bound meets the objective
    [InlineData(Money - 5e-5, true)]          // 5e-8 below: within the tolerance (1e-7)
    [InlineData(Money + 5e-5, true)]          // 5e-8 above: rounding within the tolerance
    [InlineData(Money - 1e-3, false)]         // 1e-6 below: a gap, not proven optimal
    [InlineData(Money + 9e-3, false)]         // 9e-6 above: impossible in exact arithmetic, the bound proves nothing
    public void Passed_MinimisedStage_WithinTheToleranceOnEitherSide(double bound, bool passed)
    {
        var verdict = new StageVerdict(StageObjective.Money, Money, bound, Violation: 0);
        Assert.Equal(passed, verdict.Passed);
    }

    [Fact]
    public void Passed_MaximisedStage_ABoundBelowTheValueProvesNothing()
    {
        // A value stage's bound is an upper bound: below the plan's value by more than the tolerance is rounding.
        var verdict = new StageVerdict(new StageObjective(0), Value: 70, Bound: 70 - 1e-4, Violation: 0);
        Assert.False(verdict.Passed);
        Assert.Contains("on the wrong side of its objective", verdict.Why);
        Assert.True(new StageVerdict(new StageObjective(0), Value: 70, Bound: 70 + 1e-9, Violation: 0).Passed);
    }

    [Fact]
    public void Why_ABoundShortOfTheObjective_SaysHowFar()
    {
        var verdict = new StageVerdict(StageObjective.Money, Money, Money - 1, Violation: 0);
        Assert.False(verdict.Passed);
        Assert.Equal("its objective is 0.001 (relative) from the bound its duals prove", verdict.Why);
    }
}
