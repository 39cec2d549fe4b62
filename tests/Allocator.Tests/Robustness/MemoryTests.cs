using System.Diagnostics;
using System.Text;
using Allocator.Solver;
using Allocator.Tests.Checking;
using Allocator.Tests.Service;
using Xunit.Abstractions;

namespace Allocator.Tests.Robustness;

/// <summary>
/// No leak across repeated solves in one process: 1,000 small solves (each builds and disposes an OR-Tools solver,
/// StagedSolver's <c>using var owned = session</c>) keep the managed heap and the process's working set flat. The
/// bounds are generous (a leak of one small model per solve, about 50 KB of native memory, would be 45 MB) so
/// the test cannot flake; it runs in the serial collection so other tests' allocations do not count.
/// </summary>
[Collection(TimingSensitive.Name)]
public class MemoryTests(ITestOutputHelper output)
{
    private const long ManagedBound = 16L * 1024 * 1024;
    private const long WorkingSetBound = 96L * 1024 * 1024;

    [Fact]
    public void Solve_ThousandSmallSolves_KeepMemoryFlat()
    {
        var requests = Enumerable.Range(0, 10).Select(seed => Encoding.UTF8.GetBytes(Allocator.Models.RequestReader.Write(RandomRequests.Create(seed)))).ToArray();
        void Solves(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var outcome = AllocationEngine.Solve(requests[i % requests.Length]);
                Assert.NotNull(outcome.Result);
            }
        }

        Solves(0, 100);
        var (heapAfterWarmUp, setAfterWarmUp) = Measure();
        Solves(100, 1000);
        var (heapAfter, setAfter) = Measure();

        output.WriteLine($"managed heap {heapAfterWarmUp / 1024} KB -> {heapAfter / 1024} KB; working set {setAfterWarmUp / 1024} KB -> {setAfter / 1024} KB");
        Assert.True(heapAfter - heapAfterWarmUp < ManagedBound, $"managed heap grew by {(heapAfter - heapAfterWarmUp) / 1024} KB over 900 solves");
        Assert.True(setAfter - setAfterWarmUp < WorkingSetBound, $"working set grew by {(setAfter - setAfterWarmUp) / 1024} KB over 900 solves");
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }
}
