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

    // The medium request takes about a second to build and solve; the token is cancelled well before that.
    [Fact]
    public void Solve_CancelledWhileSolving_ThrowsPromptly()
    {
        var request = MediumRequest.Value;
        using var source = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        var task = Task.Run(() => AllocationEngine.Solve(request, null, source.Token));

        Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "the cancelled solve did not return");
        var error = Assert.Throws<AggregateException>(() => task.Wait());
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }
}
