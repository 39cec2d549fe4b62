namespace Allocator.Solver.Lp;

/// <summary>
/// A linear program as plain arrays, independent of any solver library: columns with bounds and two objective
/// vectors (value, to maximise first; money, to minimise second), rows with bounds, and the non-zeros as
/// triplets. Formulations write it; backends read it. Keeping it apart lets the same model go to any backend
/// or to an LP file. With urgency tiers the value objective is split into stages: each column's value counts in
/// exactly one stage (<see cref="ValueStage"/>), and stage <c>i</c> is maximised holding stages <c>0..i-1</c>.
/// </summary>
internal sealed class LpModel
{
    private readonly List<double> _columnLower = [];
    private readonly List<double> _columnUpper = [];
    private readonly List<double> _valueObjective = [];
    private readonly List<double> _moneyObjective = [];
    private readonly List<int> _valueStage = [];
    private readonly List<double> _rowLower = [];
    private readonly List<double> _rowUpper = [];
    private readonly List<int> _termRow = [];
    private readonly List<int> _termColumn = [];
    private readonly List<double> _termCoefficient = [];
    private readonly List<WholeUnitColumn> _wholeUnits = [];

    public int ColumnCount => _columnLower.Count;
    public int RowCount => _rowLower.Count;
    public int TermCount => _termRow.Count;

    /// <summary>Where the first solve may start (<see cref="WorkingSetHint"/>), or null to start from the whole LP.</summary>
    public WorkingSetHint? FirstSolveHint { get; set; }

    /// <summary>Number of value stages (1 unless urgency tiers split the value).</summary>
    public int StageCount { get; private set; } = 1;

    /// <summary>
    /// Adds a column <c>lower &lt;= x &lt;= upper</c> with its coefficients in both objectives; its value counts in
    /// value stage <paramref name="stage"/>.
    /// </summary>
    public int AddColumn(double lower, double upper, double value = 0, double money = 0, int stage = 0)
    {
        _columnLower.Add(Canonical(lower));
        _columnUpper.Add(Canonical(upper));
        _valueObjective.Add(Canonical(value));
        _moneyObjective.Add(Canonical(money));
        _valueStage.Add(stage);
        StageCount = Math.Max(StageCount, stage + 1);
        return _columnLower.Count - 1;
    }

    /// <summary>Adds a row <c>lower &lt;= sum &lt;= upper</c>; its terms follow with <see cref="AddTerm"/>.</summary>
    public int AddRow(double lower, double upper)
    {
        _rowLower.Add(Canonical(lower));
        _rowUpper.Add(Canonical(upper));
        return _rowLower.Count - 1;
    }

    public void AddTerm(int row, int column, double coefficient)
    {
        if (coefficient == 0) return;
        _termRow.Add(row);
        _termColumn.Add(column);
        _termCoefficient.Add(Canonical(coefficient));
    }

    /// <summary>
    /// <paramref name="x"/> rounded to 44 significant bits (a relative change below 3e-14, far inside every backend's
    /// tolerance and the contract's 1e-6, and below the 12 digits a result reports, so that 27,708,000 is not shown as
    /// 27,707,999.9999). The scales (<see cref="Formulation.Scales"/>) make the LP of a request in
    /// won the same as in dollars up to the last bits of each division; rounding those bits away makes the two LPs
    /// equal number for number, so the backend takes the same path and returns the same plan. Sign and exponent are
    /// kept; a carry out of the mantissa rounds up into the next power of two, as it should.
    /// </summary>
    internal static double Canonical(double x)
    {
        if (x == 0 || !double.IsFinite(x)) return x;
        const long dropped = (1L << 8) - 1;
        var bits = BitConverter.DoubleToInt64Bits(x);
        return BitConverter.Int64BitsToDouble((bits + (1L << 7)) & ~dropped);
    }

    /// <summary>
    /// Contract 1.1: the columns that count whole lots or carry a minimum order, with the bounds and kind they take in
    /// the MIP (<see cref="ColumnLower"/> and <see cref="ColumnUpper"/> are those of the LP relaxation). Empty for a
    /// request without lots or minimum orders, which is then solved as an LP exactly as before.
    /// </summary>
    public IReadOnlyList<WholeUnitColumn> WholeUnits => _wholeUnits;

    /// <summary>Declares column <paramref name="column"/> integer and/or semi-continuous in the MIP (see <see cref="WholeUnitColumn"/>).</summary>
    public void MarkWholeUnits(WholeUnitColumn column) => _wholeUnits.Add(column);

    /// <summary>
    /// A copy of this model with the bounds of some columns replaced and no whole-unit columns: the LP that remains
    /// once the MIP's integer decisions are fixed, or the tie rule's routes' LP. Row and column indices are unchanged.
    /// </summary>
    public LpModel WithColumnBounds(IReadOnlyDictionary<int, (double Lower, double Upper)> bounds)
    {
        var copy = new LpModel { StageCount = StageCount };
        copy._columnLower.AddRange(_columnLower);
        copy._columnUpper.AddRange(_columnUpper);
        foreach (var (j, (lower, upper)) in bounds)
        {
            copy._columnLower[j] = Canonical(lower);
            copy._columnUpper[j] = Canonical(upper);
        }
        copy._valueObjective.AddRange(_valueObjective);
        copy._moneyObjective.AddRange(_moneyObjective);
        copy._valueStage.AddRange(_valueStage);
        copy._rowLower.AddRange(_rowLower);
        copy._rowUpper.AddRange(_rowUpper);
        copy._termRow.AddRange(_termRow);
        copy._termColumn.AddRange(_termColumn);
        copy._termCoefficient.AddRange(_termCoefficient);
        foreach (var (j, c) in _changeObjective) copy._changeObjective[j] = c;
        foreach (var (j, c) in _tieObjective) copy._tieObjective[j] = c;
        foreach (var (j, c) in _routeObjective) copy._routeObjective[j] = c;
        return copy;
    }

    public double ColumnLower(int j) => _columnLower[j];
    public double ColumnUpper(int j) => _columnUpper[j];
    public double ValueCoefficient(int j) => _valueObjective[j];

    /// <summary>Coefficient of column <paramref name="j"/> in value stage <paramref name="stage"/>'s objective.</summary>
    public double ValueCoefficient(int j, int stage) => _valueStage[j] == stage ? _valueObjective[j] : 0;

    /// <summary>The value stage in which column <paramref name="j"/>'s value counts.</summary>
    public int ValueStage(int j) => _valueStage[j];
    public double MoneyCoefficient(int j) => _moneyObjective[j];

    // Contract 1.1's third objective (least change from a previous plan), set only on the columns that carry it.
    private readonly Dictionary<int, double> _changeObjective = [];

    /// <summary>Whether the model has a change objective (a third stage, minimised holding value and money).</summary>
    public bool HasChangeObjective => _changeObjective.Count > 0;

    // The tie rule's objective (Formulation/TieRule.cs), the last stage: it only picks among plans already optimal.
    private readonly Dictionary<int, double> _tieObjective = [];

    /// <summary>Whether the model has a tie-rule objective (the last stage, minimised holding every earlier stage).</summary>
    public bool HasTieObjective => _tieObjective.Count > 0;

    /// <summary>Sets column <paramref name="j"/>'s coefficient in the tie rule's objective.</summary>
    public void SetTieCoefficient(int j, double coefficient) => _tieObjective[j] = Canonical(coefficient);

    /// <summary>Coefficient of column <paramref name="j"/> in the tie rule's objective (0 for most columns).</summary>
    public double TieCoefficient(int j) => _tieObjective.GetValueOrDefault(j);

    // The tie rule's second objective (Formulation/TieRule.cs, RouteWeight): which route money takes, after the tie rule.
    private readonly Dictionary<int, double> _routeObjective = [];

    /// <summary>Whether the model has a route objective (minimised after the tie rule, every other column fixed where it left it).</summary>
    public bool HasRouteObjective => _routeObjective.Count > 0;

    /// <summary>Sets column <paramref name="j"/>'s coefficient in the route objective.</summary>
    public void SetRouteCoefficient(int j, double coefficient) => _routeObjective[j] = Canonical(coefficient);

    /// <summary>Coefficient of column <paramref name="j"/> in the route objective (0 for every column but the money routes).</summary>
    public double RouteCoefficient(int j) => _routeObjective.GetValueOrDefault(j);

    /// <summary>Sets column <paramref name="j"/>'s coefficient in the change objective (minimised in the third stage).</summary>
    public void SetChangeCoefficient(int j, double coefficient) => _changeObjective[j] = Canonical(coefficient);

    /// <summary>Coefficient of column <paramref name="j"/> in the change objective (0 for most columns).</summary>
    public double ChangeCoefficient(int j) => _changeObjective.GetValueOrDefault(j);
    public double RowLower(int i) => _rowLower[i];
    public double RowUpper(int i) => _rowUpper[i];
    public (int Row, int Column, double Coefficient) Term(int index) =>
        (_termRow[index], _termColumn[index], _termCoefficient[index]);

    /// <summary>Value objective of a primal point (all stages).</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var j = 0; j < x.Length; j++) sum += _valueObjective[j] * x[j];
        return sum;
    }

    /// <summary>Value of a primal point in one stage.</summary>
    public double Value(ReadOnlySpan<double> x, int stage)
    {
        var sum = 0.0;
        for (var j = 0; j < x.Length; j++)
            if (_valueStage[j] == stage) sum += _valueObjective[j] * x[j];
        return sum;
    }

    /// <summary>Each row's activity (the sum of its terms) at a primal point.</summary>
    public double[] RowActivities(ReadOnlySpan<double> x)
    {
        var activity = new double[RowCount];
        for (var t = 0; t < TermCount; t++) activity[_termRow[t]] += _termCoefficient[t] * x[_termColumn[t]];
        return activity;
    }
}

/// <summary>
/// A column of the MIP that the LP relaxes (contract 1.1): in the MIP it lies in <c>[0, MipUpper]</c>, is a whole
/// number when <see cref="Integer"/>, and when <see cref="SemiLower"/> is above 0 it is either 0 or at least
/// <see cref="SemiLower"/> (HiGHS's semi-continuous and semi-integer kinds).
/// </summary>
internal sealed record WholeUnitColumn(int Column, bool Integer, double SemiLower, double MipUpper);
