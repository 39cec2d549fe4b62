using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Allocator.Models;
using static Allocator.Tests.Models.SampleJson;

namespace Allocator.Tests.Models;

public class RequestReaderTests
{
    private static InputError Single(string json)
    {
        var outcome = RequestReader.Read(json);
        return Assert.Single(outcome.Errors);
    }

    [Fact]
    public void Read_OnlyUnknownProperties_StillGivesRequestSoCrossFieldRulesRun()
    {
        var outcome = RequestReader.Read(With(r => Tranche(r).Add("expiresAfer", 3)));

        Assert.Single(outcome.Errors);
        Assert.NotNull(outcome.Request);
        Assert.Equal(11, outcome.Request!.Donors[0].Tranches[0].ExpiresAfter); // the sample's own value, untouched
    }

    [Fact]
    public void Read_WrongTypeAndUnknownProperty_GivesNoRequest()
    {
        var outcome = RequestReader.Read(With(r =>
        {
            Tranche(r).Add("expiresAfer", 3);
            r["horizon"]!["periods"] = "twelve";
        }));

        Assert.Equal(2, outcome.Errors.Count);
        Assert.Null(outcome.Request);
    }

    [Fact]
    public void Read_ValidSample_GivesRequestWithoutErrors()
    {
        var outcome = RequestReader.Read(Valid);

        Assert.Empty(outcome.Errors);
        var request = outcome.Request!;
        Assert.Equal(12, request.Horizon.Periods);
        Assert.Equal(6, request.Lines[0].Capacity.Constant);
        Assert.Equal(12, request.Lines[1].Capacity.PerPeriod!.Count);
        Assert.Equal(0.6, request.Policy!.MaxProducerShare);
    }

    [Fact]
    public void Read_MisspeltProperty_ReportsPathAndSuggestion()
    {
        var error = Single(With(r => Tranche(r).Add("expiresAfer", 3)));

        Assert.Equal("$.donors[0].tranches[0].expiresAfer", error.Path);
        Assert.Contains("'expiresAfter'", error.Message);
    }

    [Fact]
    public void Read_UnknownPropertyUnlikeAny_ListsKnownProperties()
    {
        var error = Single(With(r => r["horizon"]!.AsObject().Add("granularity", "week")));

        Assert.Equal("$.horizon.granularity", error.Path);
        Assert.Contains("periods, start, unit", error.Message);
    }

    [Fact]
    public void Read_StringWhereNumberExpected_ReportsExpectedType()
    {
        var error = Single(With(r => Tranche(r)["amount"] = "100"));

        Assert.Equal("$.donors[0].tranches[0].amount", error.Path);
        Assert.Equal("must be a number, not the string \"100\" (write the number without quotes: 100)", error.Message);
    }

    [Fact]
    public void Read_ObjectWhereArrayExpected_ReportsExpectedType()
    {
        var error = Single(With(r => r["needs"] = new JsonObject()));

        Assert.Equal("$.needs", error.Path);
        Assert.Contains("must be an array", error.Message);
    }

    [Fact]
    public void Read_MissingRequiredField_ReportsPathAndName()
    {
        var error = Single(With(r => Line(r).Remove("unitCost")));

        Assert.Equal("$.lines[0].unitCost", error.Path);
        Assert.Equal("is required (add 'unitCost')", error.Message);
    }

    [Fact]
    public void Read_NullRequiredField_ReportsNull()
    {
        var error = Single(With(r => Need(r, 1)["category"] = null));

        Assert.Equal("$.needs[1].category", error.Path);
        Assert.Contains("must not be null", error.Message);
    }

    [Fact]
    public void Read_NullOptionalField_MeansAbsent()
    {
        var outcome = RequestReader.Read(With(r => Need(r)["lateDecay"] = null));

        Assert.Empty(outcome.Errors);
        Assert.Null(outcome.Request!.Needs[0].LateDecay);
    }

    [Fact]
    public void Read_FractionalPeriod_ReportsNotWhole()
    {
        var error = Single(With(r => Need(r)["dueBy"] = 2.5));

        Assert.Equal("$.needs[0].dueBy", error.Path);
        Assert.Contains("2.5 is not a whole number", error.Message);
    }

    [Fact]
    public void Read_IntegerWithExponent_AsksForPlainWholeNumber()
    {
        var error = Single(Valid.Replace("\"periods\": 12", "\"periods\": 1.2e1"));

        Assert.Equal("$.horizon.periods", error.Path);
        Assert.Contains("whole number", error.Message);
    }

    [Fact]
    public void Read_NumberBeyondDoubleRange_ReportsRange()
    {
        var error = Single(Valid.Replace("\"amount\": 50000000", "\"amount\": 1e400"));

        Assert.Equal("$.donors[1].tranches[0].amount", error.Path);
        Assert.Contains("1e400 is outside the range", error.Message);
    }

    [Fact]
    public void Read_CapacityOfWrongShape_ReportsNumberOrArray()
    {
        var outcome = RequestReader.Read(With(r =>
        {
            Line(r)["capacity"] = "six";
            Line(r, 1)["capacity"]![3] = "x";
        }));

        Assert.Equal(
            ["$.lines[0].capacity", "$.lines[1].capacity[3]"],
            outcome.Errors.Select(e => e.Path));
        Assert.Contains("a number or an array of numbers", outcome.Errors[0].Message);
    }

    [Fact]
    public void Read_MalformedJson_ReportsLineAndColumn()
    {
        const string json = "{\n  \"schemaVersion\": \"1\",\n  \"baseCurrency\" \"USD\"\n}";

        var error = Single(json);

        Assert.Equal("$", error.Path);
        Assert.StartsWith("malformed JSON at line 3, column 18", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void Read_TruncatedDocument_ReportsMalformedJson()
    {
        var error = Single(Valid[..200]);

        Assert.StartsWith("malformed JSON at line", error.Message);
    }

    [Theory]
    [InlineData("\"name\": \"Denmark\"", "\"name\": \"Den\u00e4rk\"")]
    [InlineData("\"name\": \"Denmark\"", "\"n\u00e4me\": \"Denmark\"")]
    public void Read_InvalidUtf8_ReportsMalformedJsonWithPosition(string find, string replace)
    {
        // A lone 0xFF where the UTF-8 text had an umlaut: in a value or, worse, in a property name.
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace(find, replace));
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF;
        bytes = bytes.Where((_, i) => i != at + 1).ToArray();
        var line = bytes.Take(at).Count(b => b == (byte)'\n') + 1;
        var column = at - Array.LastIndexOf(bytes, (byte)'\n', at);

        var outcome = RequestReader.Read(bytes);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("$", error.Path);
        Assert.StartsWith($"malformed JSON at line {line}, column {column}: the text is not valid UTF-8", error.Message);
    }

    [Fact]
    public void Read_DuplicateProperty_ReportsRepetition()
    {
        var error = Single(Valid.Replace("\"name\": \"Denmark\",", "\"name\": \"Denmark\", \"name\": \"DK\","));

        Assert.Equal("$.donors[0].name", error.Path);
        Assert.Contains("appears more than once", error.Message);
    }

    [Fact]
    public void Read_RootNotObject_ReportsRoot()
    {
        var error = Single("[1, 2]");

        Assert.Equal("$", error.Path);
        Assert.Contains("must be an object", error.Message);
    }

    [Fact]
    public void Read_SeveralShapeProblems_ReportsAllInDocumentOrder()
    {
        var outcome = RequestReader.Read(With(r =>
        {
            r.Remove("baseCurrency");
            Tranche(r).Add("expiresAfer", 3);
            Line(r, 1)["leadTime"] = 0.5;
            Need(r)["priority"] = true;
        }));

        Assert.Equal(
            ["$.donors[0].tranches[0].expiresAfer", "$.lines[1].leadTime", "$.needs[0].priority", "$.baseCurrency"],
            outcome.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Read_OmittedDefaults_LeavesThemNull()
    {
        var outcome = RequestReader.Read(With(r =>
        {
            Tranche(r).Remove("availableFrom");
            Tranche(r).Remove("expiresAfter");
            Need(r).Remove("lateDecay");
            r.Remove("exchangeRates");
            r.Remove("policy");
            r.Remove("solver");
            r["donors"]![0]!.AsObject().Remove("eligibility");
            Line(r, 1)["currency"] = "USD";
            Tranche(r)["currency"] = "USD";
            Tranche(r, 1)["currency"] = "USD";
        }));

        Assert.Empty(outcome.Errors);
        var request = outcome.Request!;
        Assert.Null(request.Donors[0].Tranches[0].AvailableFrom);
        Assert.Null(request.Donors[0].Tranches[0].ExpiresAfter);
        Assert.Null(request.Donors[0].Eligibility);
        Assert.Null(request.Needs[0].LateDecay);
        Assert.Null(request.ExchangeRates);
        Assert.Null(request.Policy);
        Assert.Null(request.Solver);
        Assert.Empty(RequestValidator.Validate(request, Backends));
    }

    [Fact]
    public void Read_ByteOrderMark_IsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid)).ToArray();

        var outcome = RequestReader.Read(bytes);

        Assert.Empty(outcome.Errors);
        // The hash is of the bytes as given, BOM included, so it identifies the very file read.
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), outcome.InputSha256);
    }

    [Fact]
    public void Write_ValidRequest_ReadsBackUnchanged()
    {
        var request = RequestReader.Read(Valid).Request!;

        var json = RequestReader.Write(request);

        Assert.Equal(json, RequestReader.Write(RequestReader.Read(json).Request!));
    }
}
