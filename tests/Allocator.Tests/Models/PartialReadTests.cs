using System.Text;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Cli;
using static Allocator.Tests.Models.SampleJson;

namespace Allocator.Tests.Models;

/// <summary>
/// Issue 11, item 7: a value of the wrong type (a number in quotes, a null) must not hide the other problems. The
/// reader validates what it could read, and no rule is checked against a value the planner did not write.
/// </summary>
public class PartialReadTests
{
    private static string ThreeProblems() => With(r =>
    {
        Line(r)["unitCost"] = "550";                     // a type error
        Line(r, 1)["id"] = "bohdana-1";                  // a duplicate id
        Need(r)["dueBy"] = 40;                           // outside the 12-period horizon
    });

    private static string[] Paths(IEnumerable<InputError> errors) => errors.Select(e => e.Path).ToArray();

    [Fact]
    public void Reader_TypeErrorDuplicateIdAndOutOfHorizonDueBy_ReportsAllThree()
    {
        var outcome = RequestReader.Read(ThreeProblems());

        Assert.Null(outcome.Request);
        Assert.Equal(["$.lines[0].unitCost", "$.lines[1].id", "$.needs[0].dueBy"], Paths(outcome.Errors));
        Assert.Contains("write the number without quotes: 550", outcome.Errors[0].Message);
        Assert.Contains("duplicate id 'bohdana-1'", outcome.Errors[1].Message);
        Assert.Contains("outside the horizon", outcome.Errors[2].Message);
    }

    [Fact]
    public void Engine_TypeErrorDuplicateIdAndOutOfHorizonDueBy_ReportsAllThreeOnce()
    {
        var read = AllocationEngine.Read(Encoding.UTF8.GetBytes(ThreeProblems()));
        var solve = AllocationEngine.Solve(Encoding.UTF8.GetBytes(ThreeProblems()));

        Assert.Null(read.Request);
        Assert.Equal(["$.lines[0].unitCost", "$.lines[1].id", "$.needs[0].dueBy"], Paths(read.Errors));
        Assert.Null(solve.Result);
        Assert.Equal(Paths(read.Errors), Paths(solve.Errors));
    }

    [Fact]
    public void Cli_Validate_TypeErrorDuplicateIdAndOutOfHorizonDueBy_PrintsAllThree()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("plan.json"), ThreeProblems());

        var run = CliRunner.Run(dir.Path, null, "validate", "plan.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StdoutBytes);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["$.lines[0].unitCost", "$.lines[1].id", "$.needs[0].dueBy"], lines.Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Null_RequiredValue_DoesNotHideARuleElsewhere()
    {
        var outcome = RequestReader.Read(With(r =>
        {
            Need(r, 1)["category"] = null;
            Tranche(r)["currency"] = "NOK";             // no exchange rate for NOK
        }));

        Assert.Equal(["$.needs[1].category", "$.donors[0].tranches[0].currency"], Paths(outcome.Errors));
        Assert.Contains("must not be null", outcome.Errors[0].Message);
        Assert.Contains("no exchange rate for 'NOK'", outcome.Errors[1].Message);
    }

    [Fact]
    public void UnreadablePeriods_SkipsEveryRuleThatNeedsTheHorizon()
    {
        var outcome = RequestReader.Read(With(r =>
        {
            r["horizon"]!["periods"] = "twelve";
            Need(r)["dueBy"] = 40;                       // cannot be judged without the horizon
            Line(r, 1)["capacity"] = new JsonArray(1, 2);  // nor can the capacity's length
            Need(r, 1)["quantity"] = -5;                 // but this can
        }));

        Assert.Equal(["$.horizon.periods", "$.needs[1].quantity"], Paths(outcome.Errors));
    }

    [Fact]
    public void UnreadableBaseCurrencyOrRates_NoGuessesAboutMissingRates()
    {
        var baseWrong = RequestReader.Read(With(r => r["baseCurrency"] = 840));
        var ratesWrong = RequestReader.Read(With(r => r["exchangeRates"] = "EUR 1.08"));
        var rateWrong = RequestReader.Read(With(r => r["exchangeRates"]!["EUR"] = "1.08"));

        Assert.Equal(["$.baseCurrency"], Paths(baseWrong.Errors));
        Assert.Equal(["$.exchangeRates"], Paths(ratesWrong.Errors));
        Assert.Equal(["$.exchangeRates.EUR"], Paths(rateWrong.Errors));
    }

    [Fact]
    public void UnreadableListItemsAndMissingMembers_OtherItemsStillChecked()
    {
        var outcome = RequestReader.Read(With(r =>
        {
            r["lines"]!.AsArray().Insert(0, JsonValue.Create("a line"));   // not an object: lines shift by one
            Line(r, 1).Remove("unitCost");
            Line(r, 2)["capacity"] = new JsonArray(1000, null, "x", 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000);
            r["needs"]!.AsArray().Add(null);
            Need(r, 1)["priority"] = 0;
        }));

        Assert.Equal(
            ["$.lines[0]", "$.lines[1].unitCost", "$.lines[2].capacity[1]", "$.lines[2].capacity[2]", "$.needs[2]", "$.needs[1].priority"],
            Paths(outcome.Errors));
    }

    [Fact]
    public void UnreadableId_IsNotCountedAsADuplicateOrEmpty()
    {
        var outcome = RequestReader.Read(With(r =>
        {
            Line(r)["id"] = 7;
            Line(r, 1)["id"] = 7;
        }));

        Assert.Equal(["$.lines[0].id", "$.lines[1].id"], Paths(outcome.Errors));
        Assert.All(outcome.Errors, e => Assert.StartsWith("must be a string, not the number 7", e.Message));
    }

    [Fact]
    public void RootNotAnObject_OneError()
    {
        Assert.Equal(["$"], Paths(RequestReader.Read("[1, 2]").Errors));
        Assert.Equal(["$"], Paths(RequestReader.Read("\"plan\"").Errors));
    }

    [Fact]
    public void ValidRequest_AndOnlyUnknownProperties_Unchanged()
    {
        Assert.Empty(RequestReader.Read(Valid).Errors);
        var unknown = RequestReader.Read(With(r => r["colour"] = "red"));
        Assert.NotNull(unknown.Request);
        Assert.Equal(["$.colour"], Paths(unknown.Errors));
    }
}
