namespace Allocator.Tests.Service;

/// <summary>
/// Tests that measure latency or race a child process run alone, after the parallel ones, so that CPU-heavy
/// tests elsewhere in the suite cannot make them flaky on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive service tests";
}
