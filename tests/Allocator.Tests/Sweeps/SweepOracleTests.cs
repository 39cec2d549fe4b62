using System.Globalization;
using System.Text;
using Allocator.Models;
using Allocator.Sweeps;
using Allocator.Tests.Checking;
using Allocator.Tests.Cli;

namespace Allocator.Tests.Sweeps;

/// <summary>The gathered table against an independent reference: GLPK's exact simplex on each scenario's request.</summary>
public class SweepOracleTests
{
    [GlpkFact]
    public void GatheredValues_AreTheOraclesOptimum_ForEveryScenario()
    {
        using var dir = new TempDirectory();
        var manifest = SweepFixtures.Write(dir.Path, SweepFixtures.SixScenarios);
        var plan = SweepFixtures.Plan(dir.Path, SweepFixtures.SixScenarios);

        var sweep = CliRunner.Run(dir.Path, null, "sweep", manifest, "-o", dir.File("out"), "--shard", "0/1");
        var (csv, missing, problem) = SweepTable.Gather(dir.File("out"));

        Assert.True(sweep.ExitCode == 0, sweep.ToString());
        Assert.Null(problem);
        Assert.Equal(0, missing);
        var rows = csv!.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..].Select(r => r.Split(',')).ToList();
        foreach (var scenario in plan.Scenarios)
        {
            var request = RequestReader.Read(Encoding.UTF8.GetString(plan.RequestBytes(scenario))).Request!;
            var oracle = GlpkOracle.Solve(request)!;
            var value = double.Parse(rows[scenario.Index][3], CultureInfo.InvariantCulture);
            var committed = double.Parse(rows[scenario.Index][5], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(value - oracle.Value) <= 1e-6 * Math.Max(1, Math.Abs(oracle.Value)), $"scenario {scenario.Index}: value {value}, oracle {oracle.Value}");
            Assert.InRange(committed, oracle.Committed - 1e-6 * Math.Max(1, oracle.Committed), oracle.CommittedAtExactValue + 1e-6 * Math.Max(1, oracle.CommittedAtExactValue));
        }
        // The scenarios differ where the hand-made example says they should: more capacity on the UA gun line is worth more.
        Assert.True(double.Parse(rows[1][3], CultureInfo.InvariantCulture) > double.Parse(rows[0][3], CultureInfo.InvariantCulture));
    }
}
