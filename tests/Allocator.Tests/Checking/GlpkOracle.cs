using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>Units funded by one tranche on one line in one commitment period (x[k,l,t] / c_l).</summary>
public sealed record OracleFunding(int Donor, int Tranche, int Line, int Period, double Units);

/// <summary>Units delivered by one line to one need in one period (y[l,n,s]).</summary>
public sealed record OracleDelivery(int Line, int Need, int Period, double Units);

/// <summary>
/// The oracle's answer. <see cref="Committed"/> is C* with V held to within 1e-7 of V* (the contract's tolerance);
/// <see cref="CommittedAtExactValue"/> is C* with V held to V* itself (1e-12), so any plan the contract allows
/// commits between the two. The plan is the one at the exact value.
/// </summary>
public sealed record OracleSolution(
    double Value, double Committed, double CommittedAtExactValue,
    IReadOnlyList<OracleFunding> Fundings, IReadOnlyList<OracleDelivery> Deliveries);

/// <summary>
/// An independent LP oracle: the contract's plain formulation, without any pooling, solved by GLPK's rational
/// simplex (<c>glpsol --exact</c>) so the answer carries no floating-point tolerance of its own. Variables are
/// units u[k,l,t] = x[k,l,t] / c_l (money rows carry c_l as coefficient) and y[l,n,s]; a unit basis keeps the
/// capacity and delivery rows' coefficients exactly 1. Lexicographic objective in two stages: max V, then min C
/// subject to V &gt;= V* - tolerance. With slips (contract 1.1, section 4) each <c>y[l,n,s]</c> is valued at the
/// expected value <c>ev(l, n, s)</c>, straight from the spec.
/// </summary>
public static class GlpkOracle
{
    private static readonly Lazy<string?> Glpsol = new(FindGlpsol);

    /// <summary>Path of glpsol, or null when it is not installed (install glpk-utils).</summary>
    public static string? GlpsolPath => Glpsol.Value;

    /// <summary>Solves <paramref name="request"/> (which must be valid); null when glpsol is not installed.</summary>
    public static OracleSolution? Solve(AllocationRequest request)
    {
        if (GlpsolPath is null) return null;
        var model = new Model(request);
        if (model.Y.Count == 0) return new OracleSolution(0, 0, 0, [], []);

        var stage1 = Run(model.Write(maximiseValue: true, minValue: null));
        var vStar = stage1.Objective;
        // V* = 0 means nothing valuable can be delivered; committing nothing is then the unique cheapest plan.
        if (vStar <= 0) return new OracleSolution(0, 0, 0, [], []);

        var loose = HoldValue(model, vStar, 1e-7);
        // 1e-12 rather than 0: V* comes back with 15 significant digits and may be rounded up.
        var exact = HoldValue(model, vStar, 1e-12);
        var columns = exact.Columns;
        if (columns.Length != model.U.Count + model.Y.Count)
            throw new InvalidOperationException($"glpsol reported {columns.Length} columns, the model has {model.U.Count + model.Y.Count}");
        var fundings = model.U.Select((u, i) => new OracleFunding(u.Donor, u.Tranche, u.Line, u.Period, columns[i]))
            .Where(f => f.Units > 0).ToList();
        var deliveries = model.Y.Select((y, j) => new OracleDelivery(y.Line, y.Need, y.Period, columns[model.U.Count + j]))
            .Where(y => y.Units > 0).ToList();
        return new OracleSolution(vStar, loose.Objective, exact.Objective, fundings, deliveries);
    }

    /// <summary>
    /// Stage 2 with V held to V* - <paramref name="relative"/> |V*|. With value coefficients near 1e-8 (quantities of
    /// 1e9) glpsol's reported V* can exceed what its own exact stage 2 reaches by about 1e-10 relative, so a floor
    /// found infeasible is lowered tenfold at a time, up to 1e-7 (NumericExtremesTests).
    /// </summary>
    private static Outcome HoldValue(Model model, double vStar, double relative)
    {
        for (var tolerance = relative; ; tolerance *= 10)
        {
            try
            {
                return Run(model.Write(maximiseValue: false, minValue: vStar - tolerance * Math.Abs(vStar)));
            }
            catch (InvalidOperationException e) when (tolerance < 1e-7 && e.Message.StartsWith("glpsol found no optimal solution", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>
    /// Contract 1.1: the request with its lots and minimum orders, as a MIP solved by glpsol's branch and bound to a
    /// proven optimum (<c>--mipgap 0</c>, double arithmetic: <c>--exact</c> is for LPs only). Per line and commit period,
    /// <c>sum_k u = lot * q</c> with <c>q</c> integer (General), and a minimum order as a binary <c>b</c>:
    /// <c>minimum * b &lt;= sum_k u &lt;= capacity * b</c>. Stage 2 holds V at V* less 1e-9 relative, as the contract.
    /// Null when glpsol is not installed.
    /// </summary>
    public static OracleSolution? SolveWholeUnits(AllocationRequest request)
    {
        if (GlpsolPath is null) return null;
        var model = new Model(request, wholeUnits: true);
        if (model.Y.Count == 0) return new OracleSolution(0, 0, 0, [], []);
        var stage1 = Run(model.Write(maximiseValue: true, minValue: null), mip: true);
        var vStar = stage1.Objective;
        if (vStar <= 0) return new OracleSolution(0, 0, 0, [], []);
        var stage2 = Run(model.Write(maximiseValue: false, minValue: vStar - 1e-9 * Math.Abs(vStar)), mip: true);
        return new OracleSolution(vStar, stage2.Objective, stage2.Objective, [], []);
    }

    private sealed record UVar(int Donor, int Tranche, int Line, int Period, double Cost);
    private sealed record YVar(int Line, int Need, int Period, double Value);

    /// <summary>The spec's formulation, variable by variable, row by row.</summary>
    private sealed class Model
    {
        public List<UVar> U { get; } = [];
        public List<YVar> Y { get; } = [];
        private readonly List<(string Name, List<(double Coef, string Var)> Terms, string Sense, double Rhs)> _rows = [];
        private readonly List<string> _integers = [], _binaries = [];

        public Model(AllocationRequest request, bool wholeUnits = false)
        {
            var spec = new SpecTerms(request);
            var p = spec.Periods;
            var lines = request.Lines;
            for (var d = 0; d < request.Donors.Count; d++)
                for (var k = 0; k < request.Donors[d].Tranches.Count; k++)
                    for (var l = 0; l < lines.Count; l++)
                        for (var t = 0; t < p; t++)
                            if (spec.MayFund(request.Donors[d], request.Donors[d].Tranches[k], lines[l], t))
                                U.Add(new UVar(d, k, l, t, spec.UnitCost(lines[l])));
            for (var l = 0; l < lines.Count; l++)
                for (var n = 0; n < request.Needs.Count; n++)
                    if (lines[l].Category == request.Needs[n].Category)
                        // Deliveries before the lead time has passed could never be funded: y would be 0.
                        for (var s = Math.Min(lines[l].LeadTime, p); s < p; s++)
                            Y.Add(new YVar(l, n, s, spec.ExpectedUnitValue(lines[l], request.Needs[n], s)));

            var u = U.Select((v, i) => (v, name: $"u{i}")).ToList();
            var y = Y.Select((v, j) => (v, name: $"y{j}")).ToList();
            // 1. tranche budgets (money rows: c_l per unit)
            for (var d = 0; d < request.Donors.Count; d++)
                for (var k = 0; k < request.Donors[d].Tranches.Count; k++)
                    Row($"b{d}_{k}", u.Where(x => x.v.Donor == d && x.v.Tranche == k).Select(x => (x.v.Cost, x.name)), "<=",
                        spec.Budget(request.Donors[d].Tranches[k]));
            for (var l = 0; l < lines.Count; l++)
                for (var s = 0; s < p; s++)
                {
                    var t = s - lines[l].LeadTime;
                    var funded = u.Where(x => x.v.Line == l && x.v.Period == t).Select(x => (1.0, x.name)).ToList();
                    // 2. capacity
                    Row($"c{l}_{s}", funded, "<=", lines[l].Capacity.At(s));
                    // 3. deliveries come from funded units
                    Row($"f{l}_{s}", y.Where(x => x.v.Line == l && x.v.Period == s).Select(x => (1.0, x.name))
                        .Concat(funded.Select(f => (-1.0, f.name))), "<=", 0);
                }
            // 4. need quantities
            for (var n = 0; n < request.Needs.Count; n++)
                Row($"q{n}", y.Where(x => x.v.Need == n).Select(x => (1.0, x.name)), "<=", request.Needs[n].Quantity);
            // 5. producer share: sum_p x - m * sum x <= 0 (vacuous when m >= 1)
            if (request.Policy?.MaxProducerShare is { } m && m < 1)
                foreach (var producer in lines.Select(l => l.Producer).Distinct())
                    Row($"s{_rows.Count}", u.Select(x => ((lines[x.v.Line].Producer == producer ? 1 - m : -m) * x.v.Cost, x.name)), "<=", 0);
            if (wholeUnits) WholeUnitRows(lines, u);
        }

        /// <summary>Contract 1.1, on U[l,t] = sum over tranches of u[k,l,t]: whole lots (General) and minimum orders (Binary).</summary>
        private void WholeUnitRows(IReadOnlyList<ProductionLine> lines, List<(UVar v, string name)> u)
        {
            foreach (var cell in u.GroupBy(x => (x.v.Line, x.v.Period)).OrderBy(g => g.Key))
            {
                var line = lines[cell.Key.Line];
                var funded = cell.Select(x => (1.0, x.name)).ToList();
                if (line.LotSize is { } lot)
                {
                    var q = $"q{_integers.Count}";
                    _integers.Add(q);
                    Row($"lot{q}", funded.Append((-lot, q)), "=", 0);
                }
                if (line.MinimumOrder is { } minimum)
                {
                    var b = $"b{_binaries.Count}";
                    _binaries.Add(b);
                    var capacity = line.Capacity.At(cell.Key.Period + line.LeadTime);
                    Row($"min{b}", funded.Append((-minimum, b)), ">=", 0);
                    Row($"max{b}", funded.Append((-Math.Max(capacity, minimum), b)), "<=", 0);
                }
            }
        }

        private void Row(string name, IEnumerable<(double, string)> terms, string sense, double rhs)
        {
            var list = terms.Where(t => t.Item1 != 0).ToList();
            if (list.Count > 0) _rows.Add((name, list, sense, rhs));
        }

        /// <summary>CPLEX LP text. Every column appears in the objective (zero if need be) so glpsol numbers them u..., y... in order.</summary>
        public string Write(bool maximiseValue, double? minValue)
        {
            var sb = new StringBuilder("\\* allocator test oracle: contract v1 plain formulation *\\\n");
            sb.Append(maximiseValue ? "Maximize\n obj:" : "Minimize\n obj:");
            var objective = U.Select((v, i) => (maximiseValue ? 0 : v.Cost, $"u{i}"))
                .Concat(Y.Select((v, j) => (maximiseValue ? v.Value : 0, $"y{j}")))
                .Concat(_integers.Concat(_binaries).Select(name => (0.0, name)));
            Terms(sb, objective, keepZeros: true);
            sb.Append("\nSubject To\n");
            foreach (var (name, terms, sense, rhs) in _rows)
                Constraint(sb, name, terms, sense, rhs);
            if (minValue is { } floor)
                Constraint(sb, "value", Y.Select((v, j) => (v.Value, $"y{j}")).Where(t => t.Value != 0).ToList(), ">=", floor);
            if (_integers.Count > 0) sb.Append("General\n ").Append(string.Join(' ', _integers)).Append('\n');
            if (_binaries.Count > 0) sb.Append("Binary\n ").Append(string.Join(' ', _binaries)).Append('\n');
            sb.Append("End\n");
            return sb.ToString();
        }

        private static void Constraint(StringBuilder sb, string name, IEnumerable<(double, string)> terms, string sense, double rhs)
        {
            sb.Append(' ').Append(name).Append(':');
            Terms(sb, terms, keepZeros: false);
            sb.Append(' ').Append(sense).Append(' ').Append(N(rhs)).Append('\n');
        }

        private static void Terms(StringBuilder sb, IEnumerable<(double Coef, string Var)> terms, bool keepZeros)
        {
            var count = 0;
            foreach (var (coef, name) in terms)
            {
                if (coef == 0 && !keepZeros) continue;
                if (count++ % 8 == 7) sb.Append("\n   "); // glpsol reads long lines, but short ones are easier to inspect
                sb.Append(coef < 0 ? " - " : " + ").Append(N(Math.Abs(coef))).Append(' ').Append(name);
            }
        }
    }

    /// <summary>Round-trip, culture-independent number text: glpsol parses back the very same double.</summary>
    private static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private sealed record Outcome(double Objective, double[] Columns);

    /// <summary>Solves CPLEX LP text with <c>glpsol --exact</c> (for the other oracles' models): objective and columns in order.</summary>
    internal static (double Objective, double[] Columns) SolveLp(string lp)
    {
        var outcome = Run(lp);
        return (outcome.Objective, outcome.Columns);
    }

    /// <summary>
    /// Runs glpsol on the LP text and reads its solution file (<c>-w</c>), whose "s bas ROWS COLS PRIM DUAL OBJ" line
    /// carries the objective to 15 significant digits ("Objective: obj = ..." in the <c>-o</c> report has only 8)
    /// and whose "j COL STATUS VALUE DUAL" lines carry the columns.
    /// </summary>
    private static Outcome Run(string lp, bool mip = false)
    {
        var dir = Directory.CreateTempSubdirectory("allocator-oracle-");
        try
        {
            var lpFile = Path.Combine(dir.FullName, "model.lp");
            var solFile = Path.Combine(dir.FullName, "model.sol");
            File.WriteAllText(lpFile, lp);
            var info = new ProcessStartInfo(GlpsolPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in mip ? ["--mipgap", "0", "--lp", lpFile, "-w", solFile] : new[] { "--exact", "--lp", lpFile, "-w", solFile })
                info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("glpsol took more than 5 minutes");
            }
            if (process.ExitCode != 0 || !File.Exists(solFile))
                throw new InvalidOperationException($"glpsol failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}\n--- LP ---\n{lp}");
            return ParseSolution(File.ReadAllLines(solFile), lp);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Outcome ParseSolution(string[] lines, string lp)
    {
        double? objective = null;
        var mip = false;
        var columns = new List<double>();
        foreach (var line in lines)
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0) continue;
            if (f[0] == "s" && f.Length >= 6 && f[1] == "mip")
            {
                // s mip ROWS COLS STATUS OBJ, with STATUS o = integer optimal.
                if (f[4] != "o") throw new InvalidOperationException($"glpsol found no optimal solution: '{line}'\n--- LP ---\n{lp}");
                objective = D(f[5]);
                mip = true;
            }
            else if (f[0] == "s")
            {
                // s bas ROWS COLS PRIM DUAL OBJ, with PRIM/DUAL f = feasible; both feasible = optimal basis.
                if (f.Length < 7 || f[1] != "bas" || f[4] != "f" || f[5] != "f")
                    throw new InvalidOperationException($"glpsol found no optimal solution: '{line}'\n--- LP ---\n{lp}");
                objective = D(f[6]);
            }
            else if (f[0] == "j")
            {
                var index = int.Parse(f[1], CultureInfo.InvariantCulture);
                if (index != columns.Count + 1) throw new InvalidOperationException($"unexpected column order in '{line}'");
                columns.Add(D(f[mip ? 2 : 3])); // j COL VALUE for a MIP, j COL STATUS VALUE DUAL for an LP
            }
        }
        return new Outcome(objective ?? throw new InvalidOperationException("glpsol wrote no solution line"), columns.ToArray());
    }

    private static double D(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string? FindGlpsol()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "glpsol.exe" : "glpsol"))
            .Prepend(Environment.GetEnvironmentVariable("GLPSOL") ?? "");
        return candidates.FirstOrDefault(File.Exists);
    }
}

/// <summary>A fact that is skipped, saying why, when glpsol is not installed (CI installs glpk-utils).</summary>
public sealed class GlpkFactAttribute : FactAttribute
{
    public GlpkFactAttribute([CallerMemberName] string test = "", [CallerFilePath] string file = "")
    {
        if (GlpkOracle.GlpsolPath is null)
        {
            Skip = "glpsol not installed (apt-get install glpk-utils)";
            DisplayName = SkippedTests.Name(file, test, Skip);
        }
    }
}

/// <summary>A theory that is skipped, saying why, when glpsol is not installed.</summary>
public sealed class GlpkTheoryAttribute : TheoryAttribute
{
    public GlpkTheoryAttribute([CallerMemberName] string test = "", [CallerFilePath] string file = "")
    {
        if (GlpkOracle.GlpsolPath is null)
        {
            Skip = "glpsol not installed (apt-get install glpk-utils)";
            DisplayName = SkippedTests.Name(file, test, Skip);
        }
    }
}
