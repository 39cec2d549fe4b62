using System.Globalization;
using System.Text;
using Allocator.Models;

namespace Allocator.Tests.Checking;

/// <summary>The re-planning oracle's answer: <c>V*</c>, <c>C*</c> and the least change <c>D*</c> (null when no plan exists).</summary>
public sealed record ReplanOracleSolution(double Value, double Committed, double Change);

/// <summary>
/// An independent oracle for contract 1.1, section 2: the spec's plain formulation with money as x[k,l,t] (in units,
/// as <see cref="GlpkOracle"/>), commitments as lower bounds, no new money before <c>asOf</c>, and the third stage
/// written the textbook way, <c>d &gt;= x - p</c>, <c>d &gt;= p - x</c>, minimise <c>sum d</c> (not the engine's
/// keep variables), solved by <c>glpsol --exact</c>. Returns null when stage 1 has no feasible plan.
/// </summary>
public static class GlpkReplanOracle
{
    /// <summary>Relative slack with which the oracle holds V and C in the later stages.</summary>
    public const double Hold = 1e-9;

    public static ReplanOracleSolution? Solve(AllocationRequest request)
    {
        var spec = new SpecTerms(request);
        var p = spec.Periods;
        var asOf = request.AsOf ?? 0;
        var lines = request.Lines;
        var signed = new Dictionary<(int D, int K, int L, int T), double>();
        foreach (var c in request.Commitments ?? [])
        {
            var key = (DonorIndex(request, c.Donor), c.Tranche, LineIndex(request, c.Line), c.Period);
            signed[key] = signed.GetValueOrDefault(key) + c.Amount;
        }

        // Columns: u[d,k,l,t] (units), y[l,n,s].
        var u = new List<(int D, int K, int L, int T, double Cost, double Lower, double Upper)>();
        for (var d = 0; d < request.Donors.Count; d++)
            for (var k = 0; k < request.Donors[d].Tranches.Count; k++)
                for (var l = 0; l < lines.Count; l++)
                    for (var t = 0; t < p; t++)
                    {
                        if (!spec.MayFund(request.Donors[d], request.Donors[d].Tranches[k], lines[l], t)) continue;
                        var cost = spec.UnitCost(lines[l]);
                        var a = signed.GetValueOrDefault((d, k, l, t)) / cost;
                        if (t >= asOf) u.Add((d, k, l, t, cost, a, double.PositiveInfinity));
                        else if (a > 0) u.Add((d, k, l, t, cost, a, a));
                    }
        var y = new List<(int L, int N, int S, double Value)>();
        for (var l = 0; l < lines.Count; l++)
            for (var n = 0; n < request.Needs.Count; n++)
                if (lines[l].Category == request.Needs[n].Category)
                    for (var s = 0; s < p; s++)
                        y.Add((l, n, s, SpecTerms.UnitValue(request.Needs[n], s)));

        // The previous plan's money by cell; rows naming what cannot exist count whole in D.
        var previous = new Dictionary<(int, int, int, int), double>();
        var dropped = 0.0;
        var cellOf = u.Select((v, i) => (v, i)).ToDictionary(x => (x.v.D, x.v.K, x.v.L, x.v.T), x => x.i);
        foreach (var row in request.PreviousPlan?.Allocations ?? [])
        {
            var d = request.Donors.ToList().FindIndex(x => x.Id == row.Donor);
            var l = request.Lines.ToList().FindIndex(x => x.Id == row.Line);
            var key = (d, row.Tranche, l, row.Period);
            if (d < 0 || l < 0 || !cellOf.ContainsKey(key)) dropped += row.Amount;
            else previous[key] = previous.GetValueOrDefault(key) + row.Amount;
        }

        var rows = new List<string>();
        void Row(string name, IEnumerable<(double Coef, string Var)> terms, string sense, double rhs)
        {
            var list = terms.Where(x => x.Coef != 0).ToList();
            if (list.Count > 0) rows.Add($" {name}:{Terms(list)} {sense} {N(rhs)}");
        }
        for (var d = 0; d < request.Donors.Count; d++)
            for (var k = 0; k < request.Donors[d].Tranches.Count; k++)
                Row($"b{d}_{k}", u.Select((v, i) => (v, i)).Where(x => x.v.D == d && x.v.K == k).Select(x => (x.v.Cost, $"u{x.i}")), "<=",
                    spec.Budget(request.Donors[d].Tranches[k]));
        for (var l = 0; l < lines.Count; l++)
            for (var s = 0; s < p; s++)
            {
                var t = s - lines[l].LeadTime;
                var funded = u.Select((v, i) => (v, i)).Where(x => x.v.L == l && x.v.T == t).Select(x => (1.0, $"u{x.i}")).ToList();
                Row($"c{l}_{s}", funded, "<=", lines[l].Capacity.At(s));
                Row($"f{l}_{s}", y.Select((v, j) => (v, j)).Where(x => x.v.L == l && x.v.S == s).Select(x => (1.0, $"y{x.j}"))
                    .Concat(funded.Select(f => (-1.0, f.Item2))), "<=", 0);
            }
        for (var n = 0; n < request.Needs.Count; n++)
            Row($"q{n}", y.Select((v, j) => (v, j)).Where(x => x.v.N == n).Select(x => (1.0, $"y{x.j}")), "<=", request.Needs[n].Quantity);
        if (request.Policy?.MaxProducerShare is { } m && m < 1)
            foreach (var producer in lines.Select(l => l.Producer).Distinct())
                Row($"s_{producer}", u.Select((v, i) => ((lines[v.L].Producer == producer ? 1 - m : -m) * v.Cost, $"u{i}")), "<=", 0);

        var value = y.Select((v, j) => (v.Value, $"y{j}")).ToList();
        var money = u.Select((v, i) => (v.Cost, $"u{i}")).ToList();
        var cells = previous.Keys.Select((key, i) => (key, i)).ToList();

        string Write(string sense, IEnumerable<(double, string)> objective, IEnumerable<string> extra)
        {
            var sb = new StringBuilder("\\* allocator test oracle: contract 1.1 re-planning *\\\n");
            // Every column appears in the objective so glpsol numbers them u..., y..., d... in order.
            var all = u.Select((_, i) => $"u{i}").Concat(y.Select((_, j) => $"y{j}")).Concat(cells.Select(c => $"d{c.i}"));
            var given = objective.ToDictionary(x => x.Item2, x => x.Item1);
            sb.Append(sense).Append("\n obj:").Append(Terms(all.Select(v => (given.GetValueOrDefault(v), v)), keepZeros: true)).Append("\nSubject To\n");
            foreach (var row in rows.Concat(extra)) sb.Append(row).Append('\n');
            sb.Append("Bounds\n");
            for (var i = 0; i < u.Count; i++)
            {
                if (u[i].Lower > 0) sb.Append($" u{i} >= {N(u[i].Lower)}\n");
                if (double.IsFinite(u[i].Upper)) sb.Append($" u{i} <= {N(u[i].Upper)}\n");
            }
            return sb.Append("End\n").ToString();
        }

        (double Objective, double[] Columns) stage1;
        try
        {
            stage1 = GlpkOracle.SolveLp(Write("Maximize", value, []));
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("glpsol found no optimal solution", StringComparison.Ordinal))
        {
            return null;
        }
        var vStar = stage1.Objective;
        // Stage 2 (and 3) hold V; without value or money columns there is nothing to hold.
        string[] holdValue = value.Any(x => x.Value != 0) ? [$" hv:{Terms(value.Where(x => x.Value != 0).ToList())} >= {N(vStar - Hold * Math.Abs(vStar))}"] : [];
        var stage2 = GlpkOracle.SolveLp(Write("Minimize", money, holdValue));
        var cStar = stage2.Objective;
        if (cells.Count == 0 && request.PreviousPlan is null) return new ReplanOracleSolution(vStar, cStar, 0);

        // D = sum over previous cells of d (d >= |x - p|) + money on cells without a previous row + dropped rows.
        string[] holdMoney = money.Count > 0 ? [$" hm:{Terms(money)} <= {N(cStar + Hold * Math.Max(1, cStar))}"] : [];
        var absolute = cells.SelectMany(c =>
        {
            var i = cellOf[c.key];
            var cost = u[i].Cost;
            return new[]
            {
                $" dp{c.i}: d{c.i} - {N(cost)} u{i} >= {N(-previous[c.key])}",
                $" dm{c.i}: d{c.i} + {N(cost)} u{i} >= {N(previous[c.key])}",
            };
        });
        var outside = u.Select((v, i) => (v, i)).Where(x => !previous.ContainsKey((x.v.D, x.v.K, x.v.L, x.v.T))).Select(x => (x.v.Cost, $"u{x.i}"));
        var change = cells.Select(c => (1.0, $"d{c.i}")).Concat(outside).ToList();
        var stage3 = GlpkOracle.SolveLp(Write("Minimize", change, [.. holdValue, .. holdMoney, .. absolute]));
        return new ReplanOracleSolution(vStar, cStar, stage3.Objective + dropped);
    }

    private static int DonorIndex(AllocationRequest request, string id) => request.Donors.ToList().FindIndex(d => d.Id == id);

    private static int LineIndex(AllocationRequest request, string id) => request.Lines.ToList().FindIndex(l => l.Id == id);

    private static string Terms(IReadOnlyList<(double Coef, string Var)> terms) => Terms(terms, keepZeros: false);

    private static string Terms(IEnumerable<(double Coef, string Var)> terms, bool keepZeros)
    {
        var sb = new StringBuilder();
        var count = 0;
        foreach (var (coef, name) in terms)
        {
            if (coef == 0 && !keepZeros) continue;
            if (count++ % 8 == 7) sb.Append("\n   ");
            sb.Append(coef < 0 ? " - " : " + ").Append(N(Math.Abs(coef))).Append(' ').Append(name);
        }
        return sb.ToString();
    }

    private static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
