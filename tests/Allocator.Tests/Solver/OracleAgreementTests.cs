// Compiled only once the solver exists: define SOLVER_READY (or remove this guard when merging).

using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Solver;

/// <summary>
/// The engine against the exact oracle on small random requests: its plan must satisfy every rule of the
/// contract, and its value and committed money must be the lexicographic optimum.
/// </summary>
public class OracleAgreementTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 60));

    [GlpkTheory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomRequest_AgreesWithOracle(int seed)
    {
        var request = RandomRequests.Create(seed);
        var oracle = GlpkOracle.Solve(request)!;

        var result = AllocationEngine.Solve(request);

        OracleVerdict.AssertAgrees(request, result, oracle, seed);
    }
}

