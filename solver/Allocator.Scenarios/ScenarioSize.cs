namespace Allocator.Scenarios;

/// <summary>How big a generated scenario is.</summary>
/// <param name="Donors">Number of donors (each with 1 to 3 tranches), at least 1.</param>
/// <param name="Lines">Number of production lines, at least 1.</param>
/// <param name="Periods">Number of monthly periods in the horizon, at least 1.</param>
/// <param name="Needs">Number of needs of the armed forces, at least 1.</param>
public sealed record ScenarioSize(int Donors, int Lines, int Periods, int Needs)
{
    /// <summary>The preset names, smallest first: <c>S</c>, <c>M</c>, <c>L</c>, <c>XL</c>.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["S", "M", "L", "XL"];

    /// <summary>
    /// A named size: <c>S</c> (10 donors, 50 lines, 12 periods, 20 needs), <c>M</c> (30, 500, 24, 150),
    /// <c>L</c> (60, 2000, 36, 400) or <c>XL</c> (200, 10000, 48, 2000). The name is case-insensitive.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="PresetNames"/>.</exception>
    public static ScenarioSize Preset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant() switch
        {
            "S" => new ScenarioSize(10, 50, 12, 20),
            "M" => new ScenarioSize(30, 500, 24, 150),
            "L" => new ScenarioSize(60, 2000, 36, 400),
            "XL" => new ScenarioSize(200, 10000, 48, 2000),
            _ => throw new ArgumentException($"'{name}' is not a scenario preset (use one of: {string.Join(", ", PresetNames)})", nameof(name)),
        };
    }

    /// <summary>The preset name when this size equals a preset, otherwise null.</summary>
    internal string? PresetName => PresetNames.FirstOrDefault(n => Preset(n) == this);

    /// <summary>The size as a short label: the preset name, or the four counts.</summary>
    internal string Label => PresetName ?? $"{Donors} donors {Lines} lines {Periods} periods {Needs} needs";

    internal void EnsureValid()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Donors, 1, nameof(Donors));
        ArgumentOutOfRangeException.ThrowIfLessThan(Lines, 1, nameof(Lines));
        ArgumentOutOfRangeException.ThrowIfLessThan(Periods, 1, nameof(Periods));
        ArgumentOutOfRangeException.ThrowIfLessThan(Needs, 1, nameof(Needs));
    }
}
