using Allocator.Solver.Lp;

namespace Allocator.Solver.Backends;

/// <summary>An LP's matrix column by column (compressed sparse columns), for pricing columns and passing subsets of them.</summary>
internal sealed class ColumnMatrix
{
    private readonly int[] _start;   // column j's terms are _row/_value[_start[j] .. _start[j+1])
    private readonly int[] _row;
    private readonly double[] _value;

    public ColumnMatrix(LpModel model)
    {
        _start = new int[model.ColumnCount + 1];
        for (var t = 0; t < model.TermCount; t++) _start[model.Term(t).Column + 1]++;
        for (var j = 0; j < model.ColumnCount; j++) _start[j + 1] += _start[j];
        var next = (int[])_start.Clone();
        _row = new int[model.TermCount];
        _value = new double[model.TermCount];
        for (var t = 0; t < model.TermCount; t++)
        {
            var (row, column, coefficient) = model.Term(t);
            var at = next[column]++;
            _row[at] = row;
            _value[at] = coefficient;
        }
    }

    /// <summary>
    /// <c>sqrt(1 + |a_j|^2)</c>: the column's steepest-edge weight at an all-slack basis, by which sifting ranks the
    /// columns it adds (and never zero, even for an empty column).
    /// </summary>
    public double Length(int column)
    {
        var sum = 1.0;
        for (var t = _start[column]; t < _start[column + 1]; t++) sum += _value[t] * _value[t];
        return Math.Sqrt(sum);
    }

    /// <summary>The column's product with a row vector: <c>sum_i a_ij y_i</c>.</summary>
    public double Dot(int column, double[] y)
    {
        var sum = 0.0;
        for (var t = _start[column]; t < _start[column + 1]; t++) sum += _value[t] * y[_row[t]];
        return sum;
    }

    /// <summary>The given columns, in that order, as HiGHS takes them: each column's start, then row indices and values.</summary>
    public (int[] Start, int[] Index, double[] Value) Slice(IReadOnlyList<int> columns)
    {
        var start = new int[columns.Count];
        var count = 0;
        for (var k = 0; k < columns.Count; k++)
        {
            start[k] = count;
            count += _start[columns[k] + 1] - _start[columns[k]];
        }
        var index = new int[count];
        var value = new double[count];
        for (var k = 0; k < columns.Count; k++)
        {
            var from = _start[columns[k]];
            var length = _start[columns[k] + 1] - from;
            Array.Copy(_row, from, index, start[k], length);
            Array.Copy(_value, from, value, start[k], length);
        }
        return (start, index, value);
    }
}
