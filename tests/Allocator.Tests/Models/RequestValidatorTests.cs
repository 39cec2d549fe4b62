using System.Text.Json.Nodes;
using Allocator.Models;
using static Allocator.Tests.Models.SampleJson;

namespace Allocator.Tests.Models;

public class RequestValidatorTests
{
    private static IReadOnlyList<InputError> Validate(string json)
    {
        var outcome = RequestReader.Read(json);
        Assert.True(outcome.Errors.Count == 0, string.Join("\n", outcome.Errors));
        return RequestValidator.Validate(outcome.Request!, Backends);
    }

    private static InputError Single(Action<JsonObject> change) => Assert.Single(Validate(With(change)));

    private static AllocationRequest Sample() => RequestReader.Read(Valid).Request!;

    [Fact]
    public void Validate_ValidSample_HasNoErrors()
    {
        Assert.Empty(Validate(Valid));
    }

    [Fact]
    public void Validate_DuplicateNeedId_PointsAtFirstUse()
    {
        var error = Single(r => Need(r, 1)["id"] = "spg-brigades");

        Assert.Equal("$.needs[1].id", error.Path);
        Assert.Equal("duplicate id 'spg-brigades' (first used at $.needs[0].id)", error.Message);
    }

    [Fact]
    public void Validate_DuplicateDonorAndLineIds_ReportsEach()
    {
        var errors = Validate(With(r =>
        {
            r["donors"]![1]!["id"] = "dk";
            Line(r, 1)["id"] = "bohdana-1";
        }));

        Assert.Equal(["$.donors[1].id", "$.lines[1].id"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Contains("first used at", e.Message));
    }

    [Fact]
    public void Validate_SameIdInDifferentLists_IsAllowed()
    {
        // Ids are unique within their own list only.
        Assert.Empty(Validate(With(r => Need(r)["id"] = "dk")));
    }

    [Fact]
    public void Validate_CurrencyWithoutRate_AsksToAddIt()
    {
        var error = Single(r => Tranche(r, 1)["currency"] = "SEK");

        Assert.Equal("$.donors[1].tranches[0].currency", error.Path);
        Assert.Equal("no exchange rate for 'SEK' (add it to exchangeRates)", error.Message);
    }

    [Fact]
    public void Validate_LowerCaseCurrency_ReportsCode()
    {
        var error = Single(r => Line(r)["currency"] = "usd");

        Assert.Equal("$.lines[0].currency", error.Path);
        Assert.Contains("three upper-case letters", error.Message);
    }

    [Fact]
    public void Validate_BaseCurrencyRateNotOne_ReportsRate()
    {
        var error = Single(r => r["exchangeRates"]!["USD"] = 1.1);

        Assert.Equal("$.exchangeRates.USD", error.Path);
        Assert.Contains("must be 1", error.Message);
    }

    [Fact]
    public void Validate_BaseCurrencyRateOne_IsAccepted()
    {
        Assert.Empty(Validate(With(r => r["exchangeRates"]!["USD"] = 1)));
    }

    [Fact]
    public void Validate_NonPositiveRate_ReportsRate()
    {
        // Only the rate is wrong: the tranche and line priced in EUR must not also get "no exchange rate".
        var error = Single(r => r["exchangeRates"]!["EUR"] = 0);

        Assert.Equal("$.exchangeRates.EUR", error.Path);
        Assert.Contains("not positive", error.Message);
    }

    [Fact]
    public void Validate_CapacityArrayOfWrongLength_ReportsBothCounts()
    {
        var error = Single(r => Line(r, 1)["capacity"] = new JsonArray(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

        Assert.Equal("$.lines[1].capacity", error.Path);
        Assert.StartsWith("has 10 values but the horizon has 12 periods", error.Message);
    }

    [Fact]
    public void Validate_NegativeCapacity_ReportsElement()
    {
        var error = Single(r => Line(r, 1)["capacity"]![4] = -1);

        Assert.Equal("$.lines[1].capacity[4]", error.Path);
        Assert.Contains("negative", error.Message);
    }

    [Fact]
    public void Validate_ZeroCapacity_IsAccepted()
    {
        Assert.Empty(Validate(With(r => Line(r)["capacity"] = 0)));
    }

    [Theory]
    [InlineData("availableFrom", 12)]
    [InlineData("availableFrom", -1)]
    [InlineData("expiresAfter", 12)]
    [InlineData("expiresAfter", -3)]
    public void Validate_WindowOutsideHorizon_ReportsPeriod(string field, int period)
    {
        var errors = Validate(With(r => Tranche(r)[field] = period));

        var error = Assert.Single(errors);
        Assert.Equal($"$.donors[0].tranches[0].{field}", error.Path);
        Assert.Equal($"period {period} is outside the horizon (periods run from 0 to 11)", error.Message);
    }

    [Fact]
    public void Validate_AvailableFromAfterExpiry_ReportsWindow()
    {
        var error = Single(r =>
        {
            Tranche(r)["availableFrom"] = 7;
            Tranche(r)["expiresAfter"] = 3;
        });

        Assert.Equal("$.donors[0].tranches[0].expiresAfter", error.Path);
        Assert.Contains("before availableFrom 7", error.Message);
    }

    [Fact]
    public void Validate_AvailableFromAfterDefaultExpiry_IsAccepted()
    {
        // expiresAfter defaults to P-1, so a late start alone is fine.
        Assert.Empty(Validate(With(r =>
        {
            Tranche(r)["availableFrom"] = 11;
            Tranche(r).Remove("expiresAfter");
        })));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(-1)]
    public void Validate_DueByOutsideHorizon_ReportsPeriod(int dueBy)
    {
        var error = Single(r => Need(r, 1)["dueBy"] = dueBy);

        Assert.Equal("$.needs[1].dueBy", error.Path);
        Assert.Contains("outside the horizon", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(-0.2)]
    public void Validate_MaxProducerShareOutsideUnitInterval_ReportsShare(double share)
    {
        var error = Single(r => r["policy"]!["maxProducerShare"] = share);

        Assert.Equal("$.policy.maxProducerShare", error.Path);
        Assert.Contains("outside (0, 1]", error.Message);
    }

    [Fact]
    public void Validate_MaxProducerShareOne_IsAccepted()
    {
        Assert.Empty(Validate(With(r => r["policy"]!["maxProducerShare"] = 1)));
    }

    [Fact]
    public void Validate_UnknownBackend_ListsAvailableOnes()
    {
        var error = Single(r => r["solver"]!["backend"] = "gurobi");

        Assert.Equal("$.solver.backend", error.Path);
        Assert.Equal("'gurobi' is not an available backend (use one of: glop, pdlp, highs, clp)", error.Message);
    }

    [Fact]
    public void Validate_BackendNotInstalledHere_IsError()
    {
        var errors = RequestValidator.Validate(Sample(), ["highs"]);

        Assert.Equal("$.solver.backend", Assert.Single(errors).Path);
    }

    [Fact]
    public void Validate_NonPositiveTimeLimit_ReportsLimit()
    {
        var error = Single(r => r["solver"]!["timeLimitSeconds"] = 0);

        Assert.Equal("$.solver.timeLimitSeconds", error.Path);
    }

    [Fact]
    public void Validate_NegativeLateDecay_ReportsDecay()
    {
        var error = Single(r => Need(r)["lateDecay"] = -0.1);

        Assert.Equal("$.needs[0].lateDecay", error.Path);
        Assert.Contains("negative", error.Message);
    }

    [Fact]
    public void Validate_ZeroLateDecay_IsAccepted()
    {
        Assert.Empty(Validate(With(r => Need(r)["lateDecay"] = 0)));
    }

    [Theory]
    [InlineData("amount")]
    public void Validate_ZeroAmount_ReportsNotPositive(string field)
    {
        var error = Single(r => Tranche(r)[field] = 0);

        Assert.Equal("$.donors[0].tranches[0].amount", error.Path);
        Assert.Equal("0 is not positive (an amount must be greater than 0)", error.Message);
    }

    [Theory]
    [InlineData("unitCost", "lines")]
    [InlineData("quantity", "needs")]
    [InlineData("priority", "needs")]
    public void Validate_NonPositiveNumber_ReportsField(string field, string list)
    {
        var error = Single(r => r[list]![0]![field] = -5);

        Assert.Equal($"$.{list}[0].{field}", error.Path);
        Assert.Contains("not positive", error.Message);
    }

    [Fact]
    public void Validate_NegativeLeadTime_ReportsLeadTime()
    {
        var error = Single(r => Line(r)["leadTime"] = -1);

        Assert.Equal("$.lines[0].leadTime", error.Path);
    }

    [Fact]
    public void Validate_ZeroPeriods_ReportsHorizonOnly()
    {
        // With no horizon, windows, due dates and capacity lengths cannot be judged; one clear error is better.
        var errors = Validate(With(r => r["horizon"]!["periods"] = 0));

        Assert.Equal("$.horizon.periods", Assert.Single(errors).Path);
    }

    [Fact]
    public void Validate_UnsupportedSchemaVersion_ReportsVersion()
    {
        var error = Single(r => r["schemaVersion"] = "2");

        Assert.Equal("$.schemaVersion", error.Path);
    }

    [Fact]
    public void Validate_EmptyOrOverlongId_ReportsId()
    {
        var errors = Validate(With(r =>
        {
            Line(r)["id"] = " ";
            Need(r)["id"] = new string('x', 101);
        }));

        Assert.Equal(["$.lines[0].id", "$.needs[0].id"], errors.Select(e => e.Path));
        Assert.Contains("at most 100", errors[1].Message);
    }

    [Fact]
    public void Validate_NoTranches_ReportsEmptyList()
    {
        var error = Single(r => r["donors"]![1]!["tranches"] = new JsonArray());

        Assert.Equal("$.donors[1].tranches", error.Path);
    }

    [Fact]
    public void Validate_FiveDifferentProblems_ReportsAllFive()
    {
        var errors = Validate(With(r =>
        {
            Tranche(r, 1)["currency"] = "SEK";
            Tranche(r)["expiresAfter"] = 12;
            Line(r, 1)["capacity"] = new JsonArray(1, 2, 3);
            Need(r, 1)["id"] = "spg-brigades";
            r["policy"]!["maxProducerShare"] = 1.5;
        }));

        Assert.Equal(
            ["$.donors[0].tranches[0].expiresAfter", "$.donors[1].tranches[0].currency", "$.lines[1].capacity", "$.needs[1].id", "$.policy.maxProducerShare"],
            errors.Select(e => e.Path));
    }

    [Fact]
    public void Validate_InfiniteNumbersBuiltInCode_AreRejected()
    {
        // The reader rejects 1e400 in JSON, but requests built in code reach the validator directly, and the
        // contract says every number must be finite.
        var request = new AllocationRequest
        {
            SchemaVersion = "1",
            BaseCurrency = "USD",
            Horizon = new Horizon { Periods = 2 },
            Donors = [new Donor { Id = "d", Tranches = [new Tranche { Amount = double.PositiveInfinity, Currency = "USD" }] }],
            Lines =
            [
                new ProductionLine
                {
                    Id = "l", Producer = "p", Country = "UA", Category = "a", UnitCost = double.PositiveInfinity, Currency = "USD",
                    LeadTime = 0, Capacity = Capacity.Every(double.PositiveInfinity),
                },
            ],
            Needs = [new Need { Id = "n", Category = "a", Quantity = double.PositiveInfinity, Priority = double.NaN, DueBy = 0, LateDecay = double.PositiveInfinity }],
            Solver = new SolverSettings { TimeLimitSeconds = double.PositiveInfinity },
        };

        var errors = RequestValidator.Validate(request, Backends);

        Assert.Equal(
            [
                "$.donors[0].tranches[0].amount", "$.lines[0].unitCost", "$.lines[0].capacity", "$.needs[0].quantity",
                "$.needs[0].priority", "$.needs[0].lateDecay", "$.solver.timeLimitSeconds",
            ],
            errors.Select(e => e.Path));
    }
}
