using System.Globalization;

namespace Allocator.Sweeps;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>: a deterministic, disjoint split of a sweep's work. The k-th
/// distinct scenario id (scenarios in index order, a repeated request counted once) belongs to shard k mod N, so
/// the shards cover every scenario exactly once, neighbouring scenarios (similar in cost) spread over all shards,
/// and no request is solved by two shards.
/// </summary>
/// <param name="Index">This shard, <c>0 &lt;= Index &lt; Count</c>.</param>
/// <param name="Count">How many shards the sweep is split into.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The whole sweep as one shard.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>The environment variable a Kubernetes Indexed Job sets to each pod's completion index.</summary>
    public const string CompletionIndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>The environment variable that gives the shard count when <c>--shard-count</c> is absent.</summary>
    public const string CountVariable = "ALLOCATOR_SWEEP_SHARDS";

    /// <summary>Parses <c>I/N</c>, or says what is wrong with it.</summary>
    public static (Shard? Shard, string? Problem) Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !TryCount(parts[0], out var index) || !TryCount(parts[1], out var count))
            return (null, $"--shard '{text}' is not I/N with whole numbers I and N (such as 0/4)");
        return Make(index, count, $"--shard {text}");
    }

    /// <summary>
    /// The shard this process should run: <paramref name="shardOption"/> (<c>--shard I/N</c>) when given, otherwise
    /// <c>JOB_COMPLETION_INDEX</c> with the count from <paramref name="countOption"/> or <c>ALLOCATOR_SWEEP_SHARDS</c>,
    /// otherwise the whole sweep.
    /// </summary>
    public static (Shard? Shard, string? Problem) Choose(string? shardOption, int? countOption, Func<string, string?> environment)
    {
        if (shardOption is not null) return Parse(shardOption);
        var indexText = environment(CompletionIndexVariable);
        if (string.IsNullOrEmpty(indexText))
            return countOption is null ? (All, null) : (null, $"--shard-count is given but {CompletionIndexVariable} is not set (give --shard I/N, or run as a Kubernetes Indexed Job)");
        if (!TryCount(indexText, out var index))
            return (null, $"{CompletionIndexVariable}='{indexText}' is not a whole number");
        var countText = countOption?.ToString(CultureInfo.InvariantCulture) ?? environment(CountVariable);
        if (string.IsNullOrEmpty(countText))
            return (null, $"{CompletionIndexVariable} is set but the shard count is not: give --shard-count N or set {CountVariable} (the Job's completions)");
        if (!TryCount(countText, out var count))
            return (null, $"the shard count '{countText}' is not a whole number");
        return Make(index, count, $"{CompletionIndexVariable}={index} with {count} shards");
    }

    /// <summary>Whether the <paramref name="ordinal"/>-th distinct scenario belongs to this shard.</summary>
    public bool Owns(int ordinal) => ordinal % Count == Index;

    /// <summary>The scenarios this shard solves: one per distinct id, every <see cref="Count"/>-th starting at <see cref="Index"/>.</summary>
    public IEnumerable<Scenario> Select(IReadOnlyList<Scenario> scenarios) =>
        scenarios.DistinctBy(s => s.Id).Where((_, ordinal) => Owns(ordinal));

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";

    private static (Shard?, string?) Make(int index, int count, string given) =>
        count < 1 ? (null, $"{given}: the number of shards must be at least 1")
        : index >= count ? (null, $"{given}: the shard index must be below the number of shards (0 to {count - 1})")
        : (new Shard(index, count), null);

    private static bool TryCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
