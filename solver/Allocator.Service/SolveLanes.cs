namespace Allocator.Service;

/// <summary>
/// Two solve queues side by side: large models (by <see cref="SolveCost"/>) wait and run in a lane of their own,
/// so small requests always find the small lane's slots free of them, however many large ones arrive.
/// </summary>
internal sealed class SolveLanes(ServiceOptions options)
{
    public const string SmallName = "small";
    public const string LargeName = "large";

    public SolveQueue Small { get; } = new(options.MaxConcurrent, options.QueueLength);

    public SolveQueue Large { get; } = new(options.MaxConcurrentLarge, options.LargeQueueLength);

    public string LaneOf(SolveCost cost) => cost.IsLarge(options.LargeModelColumns) ? LargeName : SmallName;

    public SolveQueue this[string lane] => lane == LargeName ? Large : Small;
}
