using Allocator.Scenarios;

namespace Allocator.Bench;

/// <summary>
/// Which scenario presets the benchmarks run. Default S, M and L; <c>ALLOCATOR_BENCH_SIZES=S</c> (comma- or
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
                ? ["S", "M", "L"]
                : Parse(listed);
            if (Environment.GetEnvironmentVariable(XlVariable) is "1" or "true" && !sizes.Contains("XL"))
                sizes = [.. sizes, "XL"];
            return sizes;
        }
    }

    /// <summary>Preset names from a comma- or space-separated list, validated, upper case, in preset order.</summary>
    /// <exception cref="ArgumentException">A name is not a preset.</exception>
    public static List<string> Parse(string list)
    {
        var names = list.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in names)
            _ = ScenarioSize.Preset(name); // throws on an unknown name
        return ScenarioSize.PresetNames.Where(names.Contains).ToList();
    }
}
