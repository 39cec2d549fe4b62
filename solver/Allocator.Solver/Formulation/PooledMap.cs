namespace Allocator.Solver.Formulation;

/// <summary>
/// A read-only index of <see cref="PooledFormulation"/>'s LP: which row is which contract constraint and which
/// column which variable, with the scales they are measured in. Explanations read duals and reduced costs, and
/// change bounds, through it; nothing here changes the model. Every index is -1 where the row or column does not
/// exist (docs/model.md says when each exists).
/// </summary>
internal sealed class PooledMap(
    Scales scales, PoolIndex pools, int[][] unitColumns, int[][] trancheMoneyColumns, int[][][] needShareColumns,
    int[] budgetRows, int[][] poolRows, int[][] classRows, int[] needRows, int[] producerRows, DeliveryClasses classes)
{
    /// <summary>Units of measure of the LP (money, value, each category's units).</summary>
    public Scales Scales { get; } = scales;

    /// <summary>Pool of each line, or -1 when no donor may fund it.</summary>
    public IReadOnlyList<int> PoolOfLine { get; } = pools.PoolOfLine;

    /// <summary>The lines of category <paramref name="category"/>, in input order (funded or not).</summary>
    public IReadOnlyList<int> LinesOfCategory(int category) => pools.LinesOfCategory(category);

    /// <summary><c>u[l][t]</c>: units funded on line <c>l</c> with money committed in <c>t</c>; bounded by capacity.</summary>
    public int UnitColumn(int line, int t) => unitColumns[line][t];

    /// <summary><c>w[k][t]</c>: money of tranche <c>k</c> committed in <c>t</c>.</summary>
    public int TrancheMoneyColumn(int tranche, int t) => trancheMoneyColumns[tranche][t];

    /// <summary>
    /// <c>z[n][j][s]</c> for every delivery class <c>j</c> of the need's category: fractions of need <c>n</c> due in
    /// <c>s</c> (one column, or none, without slips).
    /// </summary>
    public IEnumerable<int> NeedShareColumns(int need, int s) =>
        needShareColumns[need].Select(shares => shares[s]).Where(j => j >= 0);

    /// <summary>Constraint 1 for tranche <c>k</c>: <c>sum_t w[k,t] &lt;= B_k / Money</c> (always exists).</summary>
    public int BudgetRow(int tranche) => budgetRows[tranche];

    /// <summary>Pool node of pool <c>g</c> in period <c>t</c>: money in = <c>sum_l c_l u[l,t]</c>.</summary>
    public int PoolRow(int pool, int t) => poolRows[pool][t];

    /// <summary>
    /// The delivery node (constraint 3) that line <c>l</c>'s units due in <c>s</c> feed: its category's, or with slips
    /// its category and slip profile's (<see cref="DeliveryClasses"/>).
    /// </summary>
    public int SupplyRow(int line, int s) => classRows[classes.ClassOf(line)][s];

    /// <summary>Constraint 4 for need <c>n</c>: <c>sum_s z[n,s] &lt;= 1</c>.</summary>
    public int NeedRow(int need) => needRows[need];

    /// <summary>Constraint 5 for producer <c>p</c> (only with a share cap below 1).</summary>
    public int ProducerRow(int producer) => producerRows[producer];
}
