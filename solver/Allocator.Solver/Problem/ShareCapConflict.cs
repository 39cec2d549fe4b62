using Allocator.Models;

namespace Allocator.Solver.Problem;

/// <summary>
/// Contract 1.1: commitments that can be honoured only by breaking <c>maxProducerShare</c> make the request invalid.
/// The validator catches a producer whose signed money exceeds the cap on all the money pledged; the rest (the other
/// producers cannot absorb enough money to dilute the signed share) shows as an LP with no plan at all, which only
/// the producer-share rows can cause once budgets and capacities hold the commitments (validated). This names the
/// producer with the largest signed money and its commitments.
/// </summary>
internal static class ShareCapConflict
{
    public static InputError Describe(AllocationRequest request)
    {
        var commitments = request.Commitments ?? [];
        var producerOf = request.Lines.GroupBy(l => l.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Producer, StringComparer.Ordinal);
        var worst = commitments.Select((c, i) => (c, i)).GroupBy(x => producerOf[x.c.Line], StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(x => x.c.Amount)).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        var paths = string.Join(", ", worst.Select(x => $"$.commitments[{x.i}]"));
        return new InputError("$.policy.maxProducerShare",
            $"the commitments can be honoured only by breaking the cap of {request.Policy!.MaxProducerShare}: producer '{worst.Key}' holds the most signed money ({paths}), and no plan can add enough money elsewhere to bring its share under the cap (raise maxProducerShare or check the commitments)");
    }
}
