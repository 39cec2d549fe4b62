namespace Allocator.Service;

/// <summary>
/// Admission control for CPU-bound solves: at most <c>maxConcurrent</c> run at once and at most <c>queueLength</c>
/// more wait for a slot. A request that finds both full is refused at once (the endpoint answers 503), so the
/// service never piles up unbounded work and stays responsive to cheap requests such as <c>/health</c>.
/// </summary>
internal sealed class SolveQueue
{
    private readonly SemaphoreSlim _slots;
    private readonly int _capacity;
    private int _admitted;
    private double _averageSeconds = 1;

    public SolveQueue(int maxConcurrent, int queueLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLength);
        MaxConcurrent = maxConcurrent;
        QueueLength = queueLength;
        _capacity = maxConcurrent + queueLength;
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
    }

    public int MaxConcurrent { get; }

    public int QueueLength { get; }

    /// <summary>Solves running now.</summary>
    public int Running => MaxConcurrent - _slots.CurrentCount;

    /// <summary>Admitted requests still waiting for a slot.</summary>
    public int Waiting => Math.Max(0, Volatile.Read(ref _admitted) - Running);

    /// <summary>
    /// A guess of when to try again, for <c>Retry-After</c>: the time the waiting work needs at the recent
    /// average solve time, between 1 and 60 seconds.
    /// </summary>
    public int RetryAfterSeconds
    {
        get
        {
            var seconds = Volatile.Read(ref _averageSeconds) * (Waiting + 1) / MaxConcurrent;
            return (int)Math.Clamp(Math.Ceiling(seconds), 1, 60);
        }
    }

    /// <summary>Takes a place in the queue, or returns null when it is full.</summary>
    public Ticket? TryAdmit()
    {
        if (Interlocked.Increment(ref _admitted) <= _capacity) return new Ticket(this);
        Interlocked.Decrement(ref _admitted);
        return null;
    }

    private void Record(TimeSpan solved)
    {
        // An exponential moving average is enough for a Retry-After hint; races only blur it.
        var old = Volatile.Read(ref _averageSeconds);
        Volatile.Write(ref _averageSeconds, 0.8 * old + 0.2 * solved.TotalSeconds);
    }

    /// <summary>A place in the queue; disposing it gives the place (and the slot, if taken) back.</summary>
    internal sealed class Ticket(SolveQueue queue) : IDisposable
    {
        private bool _hasSlot;
        private bool _disposed;
        private long _started;

        /// <summary>Waits for a solver slot; throws <see cref="OperationCanceledException"/> when cancelled first.</summary>
        public async Task WaitForSlotAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await queue._slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            Took();
        }

        /// <summary>Waits up to <paramref name="timeout"/> for a solver slot; false when none came free.</summary>
        public async Task<bool> TryWaitForSlotAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_hasSlot) return true;
            if (!await queue._slots.WaitAsync(timeout, cancellationToken).ConfigureAwait(false)) return false;
            Took();
            return true;
        }

        /// <summary>Takes a free solver slot if there is one, without waiting.</summary>
        public bool TryTakeSlotNow()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_hasSlot) return true;
            if (!queue._slots.Wait(0)) return false;
            Took();
            return true;
        }

        /// <summary>Gives the slot back early (the work went to another instance); the place in the queue stays until disposal.</summary>
        public void ReleaseSlot()
        {
            if (!_hasSlot) return;
            _hasSlot = false;
            queue._slots.Release();
        }

        private void Took()
        {
            _hasSlot = true;
            _started = Environment.TickCount64;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (_hasSlot)
            {
                queue.Record(TimeSpan.FromMilliseconds(Environment.TickCount64 - _started));
                queue._slots.Release();
            }
            Interlocked.Decrement(ref queue._admitted);
        }
    }
}
