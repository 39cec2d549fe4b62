namespace Allocator.Models;

/// <summary>
/// Names in a valid request that match nothing: a need whose category no line makes (it can only be short), an
/// earmark naming a category, country or producer that no line has (it funds nothing, or excludes nothing). The
/// contract allows them, so they are warnings rather than errors, each with a "did you mean" when a name is close
/// (<c>spg-15</c> for <c>spg-155</c>).
/// </summary>
public static class RequestWarnings
{
    /// <summary>Every warning for <paramref name="request"/>, in document order (donors, then needs).</summary>
    /// <param name="request">A request that passed <see cref="RequestValidator"/>.</param>
    public static IReadOnlyList<InputWarning> Find(AllocationRequest request)
    {
        var categories = Names(request.Lines.Select(l => l.Category));
        var countries = Names(request.Lines.Select(l => l.Country));
        var producers = Names(request.Lines.Select(l => l.Producer));
        var warnings = new List<InputWarning>();

        for (var d = 0; d < request.Donors.Count; d++)
        {
            if (request.Donors[d].Eligibility is not { } e) continue;
            var at = $"$.donors[{d}].eligibility";
            Unmatched(e.Categories, $"{at}.categories", categories, "no line makes category", "this earmark funds no line through it");
            Unmatched(e.Countries, $"{at}.countries", countries, "no line is in country", "this earmark funds no line through it");
            Unmatched(e.Producers, $"{at}.producers", producers, "no line belongs to producer", "this earmark funds no line through it");
            Unmatched(e.ExcludedProducers, $"{at}.excludedProducers", producers, "no line belongs to producer", "excluding it changes nothing");
        }
        for (var n = 0; n < request.Needs.Count; n++)
        {
            var category = request.Needs[n].Category;
            if (!string.IsNullOrWhiteSpace(category) && !categories.Set.Contains(category))
                warnings.Add(new InputWarning($"$.needs[{n}].category",
                    $"no line makes category '{category}', so this need will get nothing{Hint(category, categories)}"));
        }
        return warnings;

        void Unmatched(IReadOnlyList<string>? names, string path, KnownNames known, string what, string consequence)
        {
            for (var i = 0; names is not null && i < names.Count; i++)
                if (!string.IsNullOrWhiteSpace(names[i]) && !known.Set.Contains(names[i]))
                    warnings.Add(new InputWarning($"{path}[{i}]", $"{what} '{names[i]}', so {consequence}{Hint(names[i], known)}"));
        }
    }

    /// <summary>The distinct names, in input order, and a set for look-ups. Names are compared exactly, as the engine does.</summary>
    private sealed record KnownNames(IReadOnlyList<string> Ordered, HashSet<string> Set);

    private static KnownNames Names(IEnumerable<string> names)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var ordered = names.Where(set.Add).ToList();
        return new KnownNames(ordered, set);
    }

    private static string Hint(string name, KnownNames known) =>
        EditDistance.Closest(name, known.Ordered) is { } closest
            ? $" (did you mean '{closest}'?)"
            : known.Ordered.Count is > 0 and <= 12
                ? $" (the lines have: {string.Join(", ", known.Ordered.Select(x => $"'{x}'"))})"
                : "";
}
