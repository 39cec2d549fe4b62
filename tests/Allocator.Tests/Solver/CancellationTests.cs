using Allocator.Models;
using Allocator.Solver;

namespace Allocator.Tests.Solver;

/// <summary>A cancelled token stops the solve with OperationCanceledException, never with a result.</summary>
public class CancellationTests
{
    [Fact]
    public void Solve_CancelledToken_Throws()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => AllocationEngine.Solve(Examples.Request(Examples.TwoDonors), null, source.Token));
    }

    [Fact]
    public void Solve_BytesWithCancelledToken_Throws()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var bytes = File.ReadAllBytes(Examples.PathOf(Examples.TwoDonors));

        Assert.ThrowsAny<OperationCanceledException>(() => AllocationEngine.Solve(bytes, null, source.Token));
    }

    // The L preset's value stage alone takes about a second; the token is cancelled 50 ms after the solve starts, by
    // a thread of its own (a timer could fire late when the thread pool is busy with other tests).
    [Fact]
    public void Solve_CancelledWhileSolving_ThrowsPromptly()
    {
        var request = LargeRequest.Value;
        using var source = new CancellationTokenSource();

        var task = Task.Run(() => AllocationEngine.Solve(request, null, source.Token));
        var canceller = new Thread(() => { Thread.Sleep(50); source.Cancel(); });
        canceller.Start();

        Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "the cancelled solve did not return");
        canceller.Join();
        var error = Assert.Throws<AggregateException>(() => task.Wait());
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    private static class LargeRequest
    {
        public static readonly AllocationRequest Value = Allocator.Scenarios.ScenarioGenerator.Generate(Allocator.Scenarios.ScenarioSize.Preset("L"), 1);
    }
}
