namespace Allocator.Models;

/// <summary>
/// Extension (<c>diagnostics.certificate</c>): the engine's own proof of a plan, computed after the solve from the
/// reported rows in the contract's units (base-currency money, units), not from the LP's scaled numbers. A plan is
/// reported <c>optimal</c> only when <see cref="Passed"/> is true: every constraint family holds to
/// <see cref="Tolerance"/> and every stage's objective is within <see cref="Tolerance"/> of a bound derived from that
/// stage's duals (weak duality: any multipliers give a valid bound, so the bound does not trust the backend).
/// docs/reliability.md explains each figure.
/// </summary>
public sealed class Certificate
{
    /// <summary>Whether the plan meets every constraint and every stage's gap to <see cref="Tolerance"/>.</summary>
    public required bool Passed { get; init; }

    /// <summary>The relative tolerance checked: the contract's 1e-6.</summary>
    public required double Tolerance { get; init; }

    /// <summary>Largest relative violation of each constraint family, measured on the reported rows.</summary>
    public required CertificateViolations Violations { get; init; }

    /// <summary>Each stage of the lexicographic objective: the plan's objective, the proven bound, the relative gap.</summary>
    public required IReadOnlyList<StageBound> Stages { get; init; }

    /// <summary>What failed, in words, when <see cref="Passed"/> is false.</summary>
    public string? Failure { get; init; }
}

/// <summary>
/// The largest relative violation of each of the contract's constraint families (0 when the plan meets it exactly;
/// below the certificate's tolerance when it meets it to rounding).
/// </summary>
public sealed class CertificateViolations
{
    /// <summary>Constraint 1: money committed beyond a tranche's budget, relative to the budget.</summary>
    public required double Budgets { get; init; }

    /// <summary>Constraint 2: units funded beyond a line's capacity in a delivery period, relative to the capacity.</summary>
    public required double Capacities { get; init; }

    /// <summary>Constraint 3: units delivered beyond the units funded for that line and period, relative to them.</summary>
    public required double Deliveries { get; init; }

    /// <summary>Constraint 4: units delivered beyond a need's quantity, relative to the quantity.</summary>
    public required double NeedQuantities { get; init; }

    /// <summary>Constraint 5: a producer's money beyond the share cap, relative to all committed money (0 without a cap).</summary>
    public required double ProducerShare { get; init; }

    /// <summary>Rows that break a rule outright: an ineligible tranche, a period outside the window, a delivery after the horizon, units that do not match the money.</summary>
    public required int RowsBreakingRules { get; init; }
}

/// <summary>One stage of the lexicographic objective, in the contract's units.</summary>
public sealed class StageBound
{
    /// <summary><c>value</c>, <c>value of tier N</c>, or <c>money</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>The reported plan's objective in this stage (value, or committed money in the base currency).</summary>
    public required double Objective { get; init; }

    /// <summary>
    /// The bound proven from the stage's duals: no plan (holding the earlier stages) has more value, or commits less
    /// money, than this. Absent when the backend gives no duals (clp, pdlp).
    /// </summary>
    public double? Bound { get; init; }

    /// <summary>The relative gap between <see cref="Objective"/> and <see cref="Bound"/>, or absent without a bound.</summary>
    public double? Gap { get; init; }
}
