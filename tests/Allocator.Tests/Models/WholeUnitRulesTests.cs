using System.Text.Json.Nodes;
using Allocator.Models;
using static Allocator.Tests.Models.SampleJson;

namespace Allocator.Tests.Models;

/// <summary>Contract 1.1, section 1: the rules on <c>lotSize</c>, <c>minimumOrder</c> and <c>mipGap</c>, each reported at its JSON path.</summary>
public class WholeUnitRulesTests
{
    private static IReadOnlyList<InputError> Validate(string json)
    {
        var outcome = RequestReader.Read(json);
        Assert.True(outcome.Errors.Count == 0, string.Join("\n", outcome.Errors));
        return RequestValidator.Validate(outcome.Request!, Backends);
    }

    [Fact]
    public void Validate_LotsMinimumOrderAndGap_AreAccepted()
    {
        Assert.Empty(Validate(With(r =>
        {
            Line(r, 0)["lotSize"] = 1;
            Line(r, 1)["lotSize"] = 500;
            Line(r, 1)["minimumOrder"] = 1000;
            r["solver"] = new JsonObject { ["mipGap"] = 0 };
        })));
    }

    [Fact]
    public void Validate_BadLotMinimumAndGap_ReportsEveryOneAtItsPath()
    {
        var errors = Validate(With(r =>
        {
            Line(r, 0)["lotSize"] = 0;
            Line(r, 1)["minimumOrder"] = -5;
            r["solver"] = new JsonObject { ["mipGap"] = -0.1 };
        }));

        Assert.Equal(["$.lines[0].lotSize", "$.lines[1].minimumOrder", "$.solver.mipGap"], errors.Select(e => e.Path));
        Assert.StartsWith("0 is not positive (a lot size", errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("-5 is not positive (a minimum order", errors[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("-0.1 is negative", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LotsWithAnLpOnlyBackend_PointsAtTheBackend()
    {
        var error = Assert.Single(Validate(With(r =>
        {
            Line(r, 0)["lotSize"] = 1;
            r["solver"] = new JsonObject { ["backend"] = "glop" };
        })));

        Assert.Equal("$.solver.backend", error.Path);
        Assert.Contains("need 'highs'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LotSizeAsText_IsATypeError()
    {
        var outcome = RequestReader.Read(With(r => Line(r, 0)["lotSize"] = "ten"));

        Assert.Contains(outcome.Errors, e => e.Path == "$.lines[0].lotSize");
    }
}
