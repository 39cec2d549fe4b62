using System.Text;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;

namespace Allocator.Sweeps;

/// <summary>
/// Every scenario of a manifest, each checked as a request and given its id, before anything is solved. The
/// requests are rebuilt on demand (<see cref="RequestBytes"/>) rather than kept, so 10,000 scenarios of a national
/// request need no more memory than one.
/// </summary>
public sealed class SweepPlan
{
    /// <summary>Distinct invalid-scenario problems reported before the rest are summarised in one line.</summary>
    private const int MaxReportedProblems = 100;

    private SweepPlan(SweepManifest manifest, IReadOnlyList<Scenario> scenarios)
    {
        Manifest = manifest;
        Scenarios = scenarios;
    }

    /// <summary>The manifest the plan came from.</summary>
    public SweepManifest Manifest { get; }

    /// <summary>Every scenario in index order.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; }

    /// <summary>
    /// Builds and checks every scenario. A scenario that is not a valid request is an error at the manifest path
    /// of the choice that broke it (such as <c>$.vary[1].values[2]</c>) when the request's error lies under that
    /// entry's path, and at <c>$.vary</c> otherwise; each distinct problem is reported once with how many
    /// scenarios it breaks.
    /// </summary>
    public static (SweepPlan? Plan, IReadOnlyList<InputError> Errors) Expand(SweepManifest manifest)
    {
        var count = checked((int)manifest.ScenarioCount);
        var scenarios = new Scenario[count];
        var problems = new (int Index, IReadOnlyList<InputError> Errors)?[count];
        Parallel.For(0, count, index =>
        {
            var choices = ChoicesOf(manifest, index);
            JsonNode? request;
            try
            {
                request = Build(manifest, choices);
            }
            catch (InvalidOperationException e)
            {
                // An earlier entry replaced a value so that a later entry's path no longer exists in this scenario.
                problems[index] = (index, [new InputError("$", e.Message)]);
                return;
            }
            if (request is null)
            {
                // A vary entry at "$" whose value is null replaces the whole request (ManifestFuzzTests found it).
                problems[index] = (index, [new InputError("$", "this scenario's request is null: a vary entry replaces the whole request with null (vary a field inside the request instead)")]);
                return;
            }
            var cells = manifest.Vary.Select(entry => entry.Path.Find(request).Node?.DeepClone()).ToList();
            var read = AllocationEngine.Read(Encoding.UTF8.GetBytes(request.ToJsonString()));
            if (read.Request is null)
            {
                problems[index] = (index, read.Errors);
                return;
            }
            scenarios[index] = new Scenario(index, ScenarioId.Of(ScenarioId.CanonicalBytes(read.Request)), choices, cells);
        });

        var errors = Describe(manifest, problems.OfType<(int, IReadOnlyList<InputError>)>().ToList());
        return errors.Count > 0 ? (null, errors) : (new SweepPlan(manifest, scenarios), []);
    }

    /// <summary>The canonical JSON bytes of a scenario's request: what is solved, and what its id hashes.</summary>
    public byte[] RequestBytes(Scenario scenario)
    {
        var built = Build(Manifest, scenario.Choices) ?? throw new InvalidOperationException($"scenario {scenario.Index} was checked but is now null");
        var read = AllocationEngine.Read(Encoding.UTF8.GetBytes(built.ToJsonString()));
        return ScenarioId.CanonicalBytes(read.Request ?? throw new InvalidOperationException($"scenario {scenario.Index} was checked but is now invalid"));
    }

    /// <summary>The choice of each entry for scenario <paramref name="index"/>: mixed-radix digits, the last entry the fastest.</summary>
    internal static int[] ChoicesOf(SweepManifest manifest, int index)
    {
        var choices = new int[manifest.Vary.Count];
        for (var e = manifest.Vary.Count - 1; e >= 0; e--)
        {
            choices[e] = index % manifest.Vary[e].Count;
            index /= manifest.Vary[e].Count;
        }
        return choices;
    }

    private static JsonNode? Build(SweepManifest manifest, IReadOnlyList<int> choices)
    {
        JsonNode? request = manifest.BaseRequest.DeepClone();
        for (var e = 0; e < manifest.Vary.Count; e++)
            request = request is null
                ? throw new InvalidOperationException("an earlier vary entry replaced the whole request with null, so this scenario has nothing to vary")
                : manifest.Vary[e].Apply(request, choices[e]);
        return request;
    }

    private static List<InputError> Describe(SweepManifest manifest, List<(int Index, IReadOnlyList<InputError> Errors)> invalid)
    {
        var groups = new Dictionary<(string Where, string What), (int First, int Count)>();
        var order = new List<(string Where, string What)>();
        foreach (var (index, requestErrors) in invalid.OrderBy(p => p.Index))
        {
            var choices = ChoicesOf(manifest, index);
            foreach (var error in requestErrors)
            {
                var blamed = manifest.Vary.Where(entry => Covers(entry.Path.Text, error.Path)).ToList();
                var key = blamed.Count == 1
                    ? (blamed[0].ChoicePath(choices[blamed[0].Position]), $"{blamed[0].Describe(choices[blamed[0].Position])} makes the request invalid at {error.Path}: {error.Message}")
                    : ("$.vary", $"the choices ({string.Join(", ", manifest.Vary.Select(e => $"$.vary[{e.Position}] {e.Describe(choices[e.Position])}"))}) make the request invalid at {error.Path}: {error.Message}");
                if (groups.TryGetValue(key, out var seen))
                    groups[key] = (seen.First, seen.Count + 1);
                else
                {
                    groups[key] = (index, 1);
                    order.Add(key);
                }
            }
        }
        var errors = order.Take(MaxReportedProblems).Select(key =>
        {
            var (first, count) = groups[key];
            var which = count == 1 ? $"scenario {first}" : $"{count} scenarios, the first {first}";
            return new InputError(key.Where, $"{key.What} ({which}; scenarios are numbered from 0 in manifest order)");
        }).ToList();
        if (order.Count > MaxReportedProblems)
            errors.Add(new InputError("$.vary", $"and {order.Count - MaxReportedProblems} more distinct problems like these (fix the ones above first)"));
        return errors;
    }

    /// <summary>Whether an error at <paramref name="errorPath"/> lies at or under (or above) the varied path.</summary>
    private static bool Covers(string variedPath, string errorPath) =>
        errorPath == variedPath
        || errorPath.StartsWith(variedPath + ".", StringComparison.Ordinal) || errorPath.StartsWith(variedPath + "[", StringComparison.Ordinal)
        || variedPath.StartsWith(errorPath + ".", StringComparison.Ordinal) || variedPath.StartsWith(errorPath + "[", StringComparison.Ordinal);
}
