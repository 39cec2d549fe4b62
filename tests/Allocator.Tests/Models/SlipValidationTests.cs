using System.Text.Json.Nodes;
using Allocator.Models;
using static Allocator.Tests.Models.SampleJson;

namespace Allocator.Tests.Models;

/// <summary>
/// Contract 1.1, section 4: <c>lines[].slip</c> is numbers of at least 0 adding up to 1 (within 1e-9). Every problem
/// is reported at once with its JSON path, together with the request's other problems.
/// </summary>
public class SlipValidationTests
{
    private static IReadOnlyList<InputError> Errors(string json)
    {
        var outcome = RequestReader.Read(json);
        return outcome.Request is null ? outcome.Errors : [.. outcome.Errors, .. RequestValidator.Validate(outcome.Request, Backends)];
    }

    private static JsonArray Slip(params double[] p) => new(p.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());

    [Fact]
    public void Validate_ValidSlips_NoErrors()
    {
        Assert.Empty(Errors(With(r =>
        {
            Line(r)["slip"] = Slip(0.6, 0.3, 0.1);
            Line(r, 1)["slip"] = Slip(0.1, 0.2, 0.3, 0.4 + 5e-10); // within 1e-9 of 1
        })));
    }

    [Fact]
    public void Validate_BadSlips_EveryProblemAtItsPathWithTheOtherErrors()
    {
        var errors = Errors(With(r =>
        {
            Line(r)["slip"] = Slip(0.5, -0.2, 0.7, -0.1);
            Line(r, 1)["slip"] = new JsonArray();
            Need(r)["dueBy"] = 40;
        }));

        Assert.Equal(["$.lines[0].slip[1]", "$.lines[0].slip[3]", "$.lines[1].slip", "$.needs[0].dueBy"],
            errors.Select(e => e.Path).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("-0.2 is negative (the probability of arriving 1 period late must be 0 or more)", errors.Select(e => e.Message));
        Assert.Contains(errors, e => e.Path == "$.lines[1].slip" && e.Message.StartsWith("is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SlipNotAddingUpToOne_SaysTheSum()
    {
        var error = Assert.Single(Errors(With(r => Line(r, 1)["slip"] = Slip(0.5, 0.4))));

        Assert.Equal("$.lines[1].slip", error.Path);
        Assert.StartsWith("the probabilities add up to 0.9, not 1", error.Message);
    }

    [Fact]
    public void Read_SlipNotAnArrayOfNumbers_TypeErrorsAndNoSpuriousSum()
    {
        var errors = Errors(With(r =>
        {
            Line(r)["slip"] = new JsonArray(JsonValue.Create(0.5), JsonValue.Create("0.5"));
            Line(r, 1)["slip"] = 1;
            Need(r)["quantity"] = -5;
        }));

        Assert.Equal(["$.lines[0].slip[1]", "$.lines[1].slip", "$.needs[0].quantity"],
            errors.Select(e => e.Path).Order(StringComparer.Ordinal).ToArray());
    }
}
