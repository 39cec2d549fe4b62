using Allocator.Solver.Lp;
using Allocator.Solver.Problem;

namespace Allocator.Solver.Formulation;

/// <summary>
/// The contract's LP exactly as the spec writes it: <c>x[k,l,t]</c> for every tranche, line and period, and
/// <c>y[l,n,s]</c> for every line, need and period. Too large for national-scale requests; kept as the reference
/// that tests compare <see cref="PooledFormulation"/> with, and as the benchmarks' baseline. Variables are held
/// in the same scaled units as the pooled formulation (see <see cref="Scales"/>), which changes no optimum. With slips
/// (contract 1.1, section 4) each <c>y[l,n,s]</c> is valued at the spec's expected value <c>ev(l, n, s)</c>.
/// </summary>
internal sealed class PlainFormulation : IFormulation
{
    private readonly AllocationProblem _p;
    private readonly Scales _scales;
    private readonly List<(int K, int L, int T, int Column)> _money = [];    // x[k,l,t], held as units
    private readonly List<(int L, int N, int S, int Column)> _delivery = []; // y[l,n,s]

    /// <param name="problem">The problem.</param>
    /// <param name="tieRule">Add <see cref="TieRule"/> as the last stage's objective.</param>
    public PlainFormulation(AllocationProblem problem, bool tieRule = false)
    {
        _p = problem;
        _scales = Scales.For(problem);
        Model = new LpModel();

        // Every column gets an upper bound twice what the budgets or quantities imply: never reached, so no optimum
        // changes, but the certificate's dual bound is finite for every column (Staging/StageCheck.cs).
        for (var k = 0; k < _p.Tranches.Length; k++)
            for (var l = 0; l < _p.Lines.Length; l++)
                for (var t = 0; t < _p.Periods; t++)
                    if (_p.CanCommit(k, l, t))
                    {
                        // Contract 1.1: a signed cell holds at least its amount; before asOf, exactly that (or nothing).
                        var signed = _p.SignedAmount(k, l, t) / _scales.Money / Cost(l);
                        if (t >= _p.AsOf)
                            _money.Add((k, l, t, Model.AddColumn(signed, Math.Max(signed, 2 * _p.Tranches[k].Budget / _scales.Money / Cost(l)), money: Cost(l))));
                        else if (signed > 0)
                            _money.Add((k, l, t, Model.AddColumn(signed, signed, money: Cost(l))));
                    }
        for (var l = 0; l < _p.Lines.Length; l++)
            for (var n = 0; n < _p.Needs.Length; n++)
                if (_p.Lines[l].Category == _p.Needs[n].Category)
                    for (var s = 0; s < _p.Periods; s++)
                        _delivery.Add((l, n, s, Model.AddColumn(0, 2 * _p.Needs[n].Quantity / _scales.Units[_p.Needs[n].Category],
                            value: _p.ExpectedUnitValue(n, _p.SlipOf(l), s) * UnitScale(l) / _scales.Value, stage: _p.Needs[n].Stage)));

        // 1. Tranche budget.
        var budget = _p.Tranches.Select(k => Model.AddRow(double.NegativeInfinity, k.Budget / _scales.Money)).ToArray();
        foreach (var (k, l, _, column) in _money)
            Model.AddTerm(budget[k], column, Cost(l));

        // 2. Capacity of line l in delivery period s = t + L_l.
        var capacity = _p.Lines.Select((line, l) => Enumerable.Range(0, _p.Periods)
            .Select(s => Model.AddRow(double.NegativeInfinity, line.Capacity[s] / UnitScale(l))).ToArray()).ToArray();
        foreach (var (_, l, t, column) in _money)
            Model.AddTerm(capacity[l][t + _p.Lines[l].LeadTime], column, 1);

        // 3. Deliveries come from funded units: sum_n y[l,n,s] - U[l,s] <= 0.
        var funded = _p.Lines.Select(_ => Enumerable.Range(0, _p.Periods)
            .Select(_ => Model.AddRow(double.NegativeInfinity, 0)).ToArray()).ToArray();
        foreach (var (_, l, t, column) in _money)
            Model.AddTerm(funded[l][t + _p.Lines[l].LeadTime], column, -1);
        foreach (var (l, _, s, column) in _delivery)
            Model.AddTerm(funded[l][s], column, 1);

        // 4. Need quantity.
        var quantity = _p.Needs.Select(n => Model.AddRow(double.NegativeInfinity, n.Quantity / _scales.Units[n.Category])).ToArray();
        foreach (var (_, n, _, column) in _delivery)
            Model.AddTerm(quantity[n], column, 1);

        // 5. Producer share: money of producer p <= m * all money (all money as its own column).
        if (_p.MaxProducerShare is { } share)
        {
            var total = Model.AddColumn(0, 2 * _p.Tranches.Sum(k => k.Budget) / _scales.Money);
            var totalRow = Model.AddRow(0, 0);
            Model.AddTerm(totalRow, total, -1);
            var producer = Enumerable.Range(0, _p.ProducerCount).Select(_ => Model.AddRow(double.NegativeInfinity, 0)).ToArray();
            foreach (var row in producer)
                Model.AddTerm(row, total, -share);
            foreach (var (_, l, _, column) in _money)
            {
                Model.AddTerm(totalRow, column, Cost(l));
                Model.AddTerm(producer[_p.Lines[l].Producer], column, Cost(l));
            }
        }
        AddKeepColumns();
        if (tieRule)
        {
            var rule = new TieRule(problem);
            foreach (var (k, l, t, column) in _money)
                Model.SetTieCoefficient(column, rule.Weight(k, t) * Cost(l));
        }

        // Contract 1.1: whole lots and minimum orders on U[l,t] = the sum of the line's money columns in t (in units).
        if (_p.HasWholeUnits)
        {
            var byCell = _money.ToLookup(m => (m.L, m.T), m => m.Column);
            WholeUnitFormulation.Add(Model, _p, _scales, (l, t) => byCell[(l, t)]);
        }
    }

    /// <summary>
    /// Contract 1.1, least change: <c>r[k,l,t] &lt;= x[k,l,t] - signed</c> and <c>r &lt;= p - signed</c> on every cell of
    /// the previous plan; the third stage maximises <c>sum r</c>, which with value and money held minimises
    /// <c>D = sum |x - p|</c> (docs/model.md, "Least change").
    /// </summary>
    private void AddKeepColumns()
    {
        if (_p.Previous is not { } previous) return;
        var columns = _money.ToDictionary(m => (m.K, m.L, m.T), m => m.Column);
        foreach (var ((k, l, t), amount) in previous.Money.OrderBy(e => e.Key.Tranche).ThenBy(e => e.Key.Line).ThenBy(e => e.Key.Period))
        {
            var signed = _p.SignedAmount(k, l, t);
            if (amount <= signed || t < _p.AsOf || !columns.TryGetValue((k, l, t), out var x)) continue;
            var r = Model.AddColumn(0, (amount - signed) / _scales.Money);
            Model.SetChangeCoefficient(r, -1);
            var row = Model.AddRow(double.NegativeInfinity, signed > 0 ? -signed / _scales.Money : 0);
            Model.AddTerm(row, r, 1);
            Model.AddTerm(row, x, -Cost(l));
        }
    }

    public LpModel Model { get; }

    public Scales Scales => _scales;

    private double UnitScale(int l) => _scales.Units[_p.Lines[l].Category];

    private double Cost(int l) => _p.Lines[l].UnitCost * UnitScale(l) / _scales.Money;

    public PlanDraft Extract(double[] x)
    {
        var commitments = _money
            .Where(m => x[m.Column] > 0)
            .Select(m => new Commitment(m.K, m.L, m.T, x[m.Column] * UnitScale(m.L) * _p.Lines[m.L].UnitCost))
            .ToList();
        var needUnits = _p.Needs.Select(_ => new double[_p.Periods]).ToArray();
        var bySlip = _p.HasSlips ? _p.SlipProfiles.Select(_ => _p.Needs.Select(_ => new double[_p.Periods]).ToArray()).ToArray() : null;
        foreach (var (l, n, s, column) in _delivery)
        {
            var units = Math.Max(0, x[column]) * UnitScale(l);
            needUnits[n][s] += units;
            if (bySlip is not null) bySlip[_p.SlipOf(l)][n][s] += units;
        }
        return new PlanDraft(commitments, needUnits, bySlip);
    }
}
