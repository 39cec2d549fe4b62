using Allocator.Solver.Problem;

namespace Allocator.Solver.Formulation;

/// <summary>
/// Lines that are interchangeable for needs: the same category and the same slip profile (contract 1.1, section 4).
/// A unit due in period <c>s</c> from any line of a class has the same expected value for every need, so deliveries
/// meet in one node per class and period (docs/model.md, "Delivery risk"). Without slips there is exactly one class
/// per category, with the category's index, and the pooled model is the one of contract v1.
/// </summary>
internal sealed class DeliveryClasses
{
    private readonly List<(int Category, int Profile)> _classes;
    private readonly int[] _classOfLine;
    private readonly List<int>[] _ofCategory;

    private DeliveryClasses(List<(int, int)> classes, int[] classOfLine, List<int>[] ofCategory)
    {
        _classes = classes;
        _classOfLine = classOfLine;
        _ofCategory = ofCategory;
    }

    public int Count => _classes.Count;

    public int CategoryOf(int deliveryClass) => _classes[deliveryClass].Category;

    public int ProfileOf(int deliveryClass) => _classes[deliveryClass].Profile;

    public int ClassOf(int line) => _classOfLine[line];

    /// <summary>The classes of category <paramref name="category"/>, in class order (at least one).</summary>
    public IReadOnlyList<int> OfCategory(int category) => _ofCategory[category];

    /// <summary>Classes by category, then by slip profile in order of the category's first line that uses it.</summary>
    public static DeliveryClasses Build(AllocationProblem p)
    {
        var classes = new List<(int, int)>();
        var ofCategory = Enumerable.Range(0, p.CategoryCount).Select(_ => new List<int>()).ToArray();
        var classOfLine = new int[p.Lines.Length];
        for (var c = 0; c < p.CategoryCount; c++)
        {
            var profiles = Enumerable.Range(0, p.Lines.Length).Where(l => p.Lines[l].Category == c)
                .Select(p.SlipOf).Distinct().DefaultIfEmpty(0).ToList();
            foreach (var profile in profiles)
            {
                ofCategory[c].Add(classes.Count);
                classes.Add((c, profile));
            }
        }
        for (var l = 0; l < p.Lines.Length; l++)
            classOfLine[l] = ofCategory[p.Lines[l].Category].First(g => classes[g].Item2 == p.SlipOf(l));
        return new DeliveryClasses(classes, classOfLine, ofCategory);
    }
}
