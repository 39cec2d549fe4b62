using System.Globalization;
using System.Text;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Robustness;

/// <summary>
/// The supported numeric ranges (docs/reliability.md, "Numeric extremes"), each end and the combinations that
/// stress the LP's scaling, solved by the engine and by the exact rational oracle (<c>glpsol --exact</c>): the
/// value and the committed money must agree to 1e-6 relative (no absolute floor, so tiny values are compared as
/// strictly as large ones), and the plan must pass the independent checker.
/// </summary>
public class NumericExtremesTests
{
    /// <summary>
    /// A small request with two donors (EUR and USD), two lines of one category (one earmarked away from a donor)
    /// and two needs, one due mid-horizon with decay. Numbers are parameters; capacity per period defaults to a
    /// share of the needs so that money, capacity and needs all bind somewhere.
    /// </summary>
    public sealed record Case(string Name)
    {
        public double Amount0 { get; init; } = 1e6;
        public double Amount1 { get; init; } = 5e5;
        public double Cost0 { get; init; } = 1e3;
        public double Cost1 { get; init; } = 1.5e3;
        public double Quantity0 { get; init; } = 1e3;
        public double Quantity1 { get; init; } = 5e2;
        public double Priority0 { get; init; } = 10;
        public double Priority1 { get; init; } = 30;
        public int Periods { get; init; } = 6;
        public double? Capacity { get; init; }
        public double Rate { get; init; } = 0.92;

        public double CapacityPerPeriod => Capacity ?? Math.Max(Quantity0, Quantity1) / Math.Max(1, Periods / 2.0);

        public string Json()
        {
            static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);
            var mid = Periods / 2;
            var sb = new StringBuilder();
            sb.Append($$$"""
                {"schemaVersion":"1","baseCurrency":"EUR","exchangeRates":{"USD":{{{N(Rate)}}}},"horizon":{"periods":{{{Periods}}}},
                 "donors":[
                  {"id":"d0","tranches":[{"amount":{{{N(Amount0)}}},"currency":"EUR"}],"eligibility":{"countries":["UA"]}},
                  {"id":"d1","tranches":[{"amount":{{{N(Amount1)}}},"currency":"USD","availableFrom":{{{mid}}}}]}],
                 "lines":[
                  {"id":"l0","producer":"p0","country":"UA","category":"c","unitCost":{{{N(Cost0)}}},"currency":"EUR","leadTime":0,"capacity":{{{N(CapacityPerPeriod)}}}},
                  {"id":"l1","producer":"p1","country":"PL","category":"c","unitCost":{{{N(Cost1)}}},"currency":"USD","leadTime":{{{Math.Min(1, Periods - 1)}}},"capacity":{{{N(CapacityPerPeriod)}}}}],
                 "needs":[
                  {"id":"n0","category":"c","quantity":{{{N(Quantity0)}}},"priority":{{{N(Priority0)}}},"dueBy":{{{mid}}},"lateDecay":0.5},
                  {"id":"n1","category":"c","quantity":{{{N(Quantity1)}}},"priority":{{{N(Priority1)}}},"dueBy":{{{Periods - 1}}}}]}
                """);
            return sb.ToString();
        }

        public override string ToString() => Name;
    }

    /// <summary>Every row of the table in docs/reliability.md, by name.</summary>
    public static IReadOnlyDictionary<string, Case> Cases { get; } = new Case[]
    {
        new("nominal"),
        // amounts 1e-2 .. 1e12
        new("amount 1e-2") { Amount0 = 1e-2, Amount1 = 1e-2, Cost0 = 1e-1, Cost1 = 2e-1, Quantity0 = 1, Quantity1 = 1 },
        new("amount 1e-2, unit cost 1e3") { Amount0 = 1e-2, Amount1 = 2e-2, Quantity0 = 1e-3, Quantity1 = 1e-3 },
        new("amount 1e12") { Amount0 = 1e12, Amount1 = 1e12, Quantity0 = 1e9, Quantity1 = 1e9 },
        new("amount 1e12, unit cost 1e-1") { Amount0 = 1e12, Amount1 = 1e12, Cost0 = 1e-1, Cost1 = 1e-1, Quantity0 = 1e9, Quantity1 = 1e9 },
        new("amounts 1e-2 and 1e12 in one request") { Amount0 = 1e-2, Amount1 = 1e12, Quantity0 = 1e9, Quantity1 = 1e9 },
        // unit costs 1e-1 .. 1e9
        new("unit cost 1e-1") { Cost0 = 1e-1, Cost1 = 1e-1, Amount0 = 50, Amount1 = 100 },
        new("unit cost 1e9") { Cost0 = 1e9, Cost1 = 1e9, Amount0 = 1e12, Amount1 = 5e11 },
        new("unit cost 1e9, amount 1e6 (fractions of a unit)") { Cost0 = 1e9, Cost1 = 1e9, Amount0 = 1e6, Amount1 = 1e6, Quantity0 = 1e-3, Quantity1 = 1e-3 },
        new("unit costs 1e-1 and 1e9 in one request") { Cost0 = 1e-1, Cost1 = 1e9, Amount0 = 1e3, Amount1 = 1e12 },
        // quantities 1e-3 .. 1e9
        new("quantity 1e-3") { Quantity0 = 1e-3, Quantity1 = 1e-3, Amount0 = 1, Amount1 = 1 },
        new("quantity 1e9") { Quantity0 = 1e9, Quantity1 = 1e9, Cost0 = 1e-1, Cost1 = 1e-1, Amount0 = 5e7, Amount1 = 5e7 },
        new("quantities 1e3 and 1e9 in one category") { Quantity0 = 1e3, Quantity1 = 1e9, Cost0 = 1, Cost1 = 1, Amount0 = 1e8, Amount1 = 1e8 },
        new("quantities 1e-3 and 1e3 in one category") { Quantity0 = 1e-3, Quantity1 = 1e3, Cost0 = 1, Cost1 = 1, Amount0 = 1e2, Amount1 = 1e2 },
        // priorities 1e-6 .. 1e6
        new("priority 1e-6") { Priority0 = 1e-6, Priority1 = 1e-6 },
        new("priority 1e6") { Priority0 = 1e6, Priority1 = 1e6 },
        new("priorities 1e-6 and 1e6 in one request") { Priority0 = 1e-6, Priority1 = 1e6, Amount0 = 3e5, Amount1 = 3e5 },
        // horizons 1 .. 600
        new("horizon 1") { Periods = 1 },
        new("horizon 600") { Periods = 600, Amount0 = 1e12, Amount1 = 1e12, Capacity = 3 },
        // Any currency: the engine normalises money, so only spreads are limited (amounts are 1e13 in won or rupiah).
        new("amounts in won (1e13) and unit costs 3.5e10") { Amount0 = 1.4e13, Amount1 = 7e12, Cost0 = 3.5e10, Cost1 = 2.1e10, Quantity0 = 300, Quantity1 = 150 },
        new("every amount 1e25") { Amount0 = 1e25, Amount1 = 5e24, Cost0 = 1e22, Cost1 = 1.5e22 },
        new("every amount 1e-20") { Amount0 = 1e-20, Amount1 = 5e-21, Cost0 = 1e-23, Cost1 = 1.5e-23 },
        new("exchange rate 1e-7 (a dollar worth a ten-millionth of the base)") { Rate = 1e-7, Amount1 = 5e12, Cost1 = 1.5e10 },
        new("exchange rate 1e7") { Rate = 1e7, Amount1 = 0.05, Cost1 = 1.5e-4 },
        new("quantities 1e15, unit costs 1e-9") { Quantity0 = 1e15, Quantity1 = 5e14, Cost0 = 1e-9, Cost1 = 1.5e-9, Capacity = 3e14, Amount0 = 5e4, Amount1 = 2.5e4 },
        new("quantities 1e-12") { Quantity0 = 1e-12, Quantity1 = 5e-13, Cost0 = 1e12, Cost1 = 1.5e12, Capacity = 3e-13, Amount0 = 1, Amount1 = 0.5 },
        new("money spread 1e14 (a cent beside a trillion)") { Amount0 = 1e-2, Amount1 = 1.08e12, Cost0 = 1, Cost1 = 1, Quantity0 = 1e9, Quantity1 = 1e9 },
        new("priorities 1e-20 and 1e-8 in one request") { Priority0 = 1e-20, Priority1 = 1e-8 },
        // everything small, everything large
        new("all at the small ends") { Amount0 = 1e-2, Amount1 = 1e-2, Cost0 = 1e-1, Cost1 = 1e-1, Quantity0 = 1e-3, Quantity1 = 1e-3, Priority0 = 1e-6, Priority1 = 1e-6, Periods = 1 },
        new("all at the large ends") { Amount0 = 1e12, Amount1 = 1e12, Cost0 = 1e9, Cost1 = 1e9, Quantity0 = 1e9, Quantity1 = 1e9, Priority0 = 1e6, Priority1 = 1e6, Periods = 600, Capacity = 1e9 },
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> Names() => new(Cases.Keys);

    /// <summary>Requests beyond a supported spread or the magnitude guard: rejected at the path, with a message naming the limit.</summary>
    public static IReadOnlyDictionary<string, (Case Case, string Path, string Message)> Rejected { get; } = new (Case, string, string)[]
    {
        (new("money spread 1e15") { Amount0 = 1e-3, Amount1 = 2e12 }, "$.donors[0].tranches[0].amount", "amounts of money are supported within a factor of 1e14"),
        (new("unit cost spread 2e11") { Cost0 = 1e-2, Cost1 = 2e9 }, "$.lines[0].unitCost", "unit costs are supported within a factor of 1e10"),
        (new("priority spread 1e13") { Priority0 = 1e-7, Priority1 = 1e6 }, "$.needs[0].priority", "priorities are supported within a factor of 1e12"),
        (new("amount 1e31") { Amount0 = 1e31, Amount1 = 1e31 }, "$.donors[0].tranches[0].amount", "beyond what any currency needs, 1e-30 to 1e30"),
        (new("quantity 1e-31") { Quantity0 = 1e-31, Quantity1 = 1e-31, Capacity = 1e-31 }, "$.needs[0].quantity", "beyond what any request needs, 1e-30 to 1e30"),
        (new("capacity 1e31") { Capacity = 1e31 }, "$.lines[0].capacity", "beyond what any request needs"),
        (new("horizon 601") { Periods = 601 }, "$.horizon.periods", "more than the supported 600"),
        // Within a category: 1e6 is exact ("quantities 1e3 and 1e9 in one category"); 1e9 gave a value of 6 for 16.
        (new("quantities 1e-3 and 1e9 in one category") { Quantity0 = 1e-3, Quantity1 = 1e9, Cost0 = 1, Cost1 = 1, Amount0 = 1e8, Amount1 = 1e8 },
            "$.needs[0].quantity", "within a factor of 1e6"),
        (new("quantity 1 and capacity 1e9 in one category") { Quantity0 = 1, Quantity1 = 1, Capacity = 1e9 },
            "$.needs[0].quantity", "times smaller than 1e9 at $.lines[0].capacity"),
    }.ToDictionary(c => c.Item1.Name);

    public static TheoryData<string> RejectedNames() => new(Rejected.Keys);

    [Theory]
    [MemberData(nameof(RejectedNames))]
    public void Solve_OutsideSupportedRange_IsRejectedNamingTheRange(string name)
    {
        var (@case, path, message) = Rejected[name];
        var outcome = AllocationEngine.Solve(Encoding.UTF8.GetBytes(@case.Json()));

        Assert.Null(outcome.Result);
        Assert.Contains(outcome.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.All(outcome.Errors, e => Assert.True(e.Message.Contains("supported", StringComparison.Ordinal) || e.Message.Contains("beyond what any", StringComparison.Ordinal), e.Message));
    }

    [Fact]
    public void Validate_ExchangeRateBeyondAnyCurrency_IsRejected()
    {
        var outcome = AllocationEngine.Solve(Encoding.UTF8.GetBytes(new Case("rate") { Rate = 1e31 }.Json()));
        Assert.Contains(outcome.Errors, e => e.Path == "$.exchangeRates.USD" && e.Message.Contains("beyond what any currency needs, 1e-30 to 1e30", StringComparison.Ordinal));
    }

    [GlpkTheory]
    [MemberData(nameof(Names))]
    public void Solve_ExtremeNumbers_AgreesWithExactOracle(string name)
    {
        var json = Cases[name].Json();
        var outcome = AllocationEngine.Solve(Encoding.UTF8.GetBytes(json));
        Assert.True(outcome.Errors.Count == 0, $"{name}: rejected: {string.Join("; ", outcome.Errors)}");
        var result = outcome.Result!;
        var request = RequestReader.Read(Encoding.UTF8.GetBytes(json)).Request!;
        var oracle = GlpkOracle.Solve(request)!;

        var context = $"{name}\n{json}";
        Assert.True(result.Status == "optimal", $"status {result.Status} ({result.Message})\n{context}");
        var violations = PlanChecker.Check(request, result);
        Assert.True(violations.Count == 0, $"{string.Join("\n", violations)}\n{context}");
        Assert.True(oracle.Value > 0, $"the case delivers nothing, so it tests nothing\n{context}");
        AssertRelative(result.Summary.Value, oracle.Value, oracle.Value, "value", context);
        // Any committed money between the oracle's C at V* - 1e-7 V* and at V* is right (OracleAgreementTests).
        var committed = result.Summary.Committed;
        var tolerance = 1e-6 * oracle.CommittedAtExactValue;
        Assert.True(committed >= oracle.Committed - tolerance && committed <= oracle.CommittedAtExactValue + tolerance,
            $"committed {committed:R}, oracle C* in [{oracle.Committed:R}, {oracle.CommittedAtExactValue:R}]\n{context}");
    }

    private static void AssertRelative(double actual, double expected, double scale, string what, string context) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-6 * Math.Abs(scale),
            $"{what} {actual:R}, exact {expected:R} (relative error {Math.Abs(actual - expected) / Math.Abs(scale):E2})\n{context}");
}
