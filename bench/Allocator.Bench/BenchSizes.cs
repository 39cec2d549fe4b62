using Allocator.Scenarios;
using Allocator.Scenarios.Hard;

namespace Allocator.Bench;

/// <summary>
/// Which scenario presets and hard structures the benchmarks run. Default S, M, L and the hard small and national; <c>ALLOCATOR_BENCH_SIZES=S</c> (comma- or
/// space-separated) picks others, <c>ALLOCATOR_BENCH_XL=1</c> adds XL. Program.cs turns the <c>--sizes</c> and
/// <c>--xl</c> arguments into these variables before BenchmarkDotNet sees the arguments, so that the processes
/// BenchmarkDotNet starts inherit the same choice.
/// </summary>
internal static class BenchSizes
{
    public const string SizesVariable = "ALLOCATOR_BENCH_SIZES";
    public const string XlVariable = "ALLOCATOR_BENCH_XL";

    /// <summary>The seed of every generated scenario; measure-cli.sh uses the same one.</summary>
    public const int Seed = 1;

    public static IReadOnlyList<string> Selected
    {
        get
        {
            var listed = Environment.GetEnvironmentVariable(SizesVariable);
            var sizes = string.IsNullOrWhiteSpace(listed)
                ? ["S", "M", "L", "small", "national"]
                : Parse(listed);
            if (Environment.GetEnvironmentVariable(XlVariable) is "1" or "true" && !sizes.Contains("XL"))
                sizes = [.. sizes, "XL"];
            return sizes;
        }
    }

    /// <summary>
    /// Preset names (upper case, in preset order) and hard structures (lower case, in their order; see
    /// <c>HardStructure.Names</c>) from a comma- or space-separated list, validated.
    /// </summary>
    /// <exception cref="ArgumentException">A name is neither a preset nor a hard structure.</exception>
    public static List<string> Parse(string list)
    {
        var given = list.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var presets = given.Where(n => !IsHard(n)).Select(n => n.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        foreach (var name in presets)
            _ = ScenarioSize.Preset(name); // throws on an unknown name
        var hard = given.Where(IsHard).Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return [.. ScenarioSize.PresetNames.Where(presets.Contains), .. HardStructure.Names.Where(hard.Contains)];
    }

    /// <summary>Whether <paramref name="name"/> is a hard structure (<c>allocator generate --structure</c>) rather than a preset.</summary>
    public static bool IsHard(string name) => HardStructure.Names.Contains(name.ToLowerInvariant());
}
