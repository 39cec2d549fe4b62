using static Allocator.Solver.Backends.HighsApi;

namespace Allocator.Solver.Backends;

/// <summary>
/// A dual simplex solve with HiGHS's parallel variant "SIP" (<c>simplex_strategy</c> 2) on two threads. SIP does the
/// work of one iteration (the pricing of the pivot row in slices, the solves with the basis factor) as parallel tasks;
/// it takes the same iterations as the serial dual simplex and ends on the same point, bit for bit, on every LP it was
/// measured on (bench/highs-lp.sh prints a hash of the solution: the value stages of national, national-pooled, L, XL,
/// wide and research-pooled), in less time on two cores: national's value stage 5.4 -> 4.2 s, research-pooled's
/// 72 -> 60-63 s (HiGHS alone, one run each). The slices are HiGHS's <c>simplex_max_concurrency</c> (8), not the
/// machine's cores, so the path does not depend on the machine either: two threads are asked for on every machine.
/// <para>
/// HiGHS keeps its thread pool per calling thread (a thread-local scheduler, created by the first solve on that thread
/// with the instance's <c>threads</c> option, and refused to any later solve asking for another count). Every other
/// solve of a session runs with one thread on the caller's thread, so this one runs on a thread of its own, whose
/// scheduler ends with it.
/// </para>
/// </summary>
internal static class HighsParallelDual
{
    public const int Threads = 2;

    /// <summary>HiGHS's <c>simplex_strategy</c> for SIP.</summary>
    private const int SimplexStrategySip = 2;

    /// <summary>
    /// Used only on LPs with at least this many rows: the gain shrinks with the LP (preset L's value stage, 3,006 rows:
    /// 0.48 -> 0.46 s), and a small LP's solve takes milliseconds, less than a thread of its own is worth.
    /// </summary>
    public const int MinimumRows = 2_000;

    /// <summary>HiGHS's native code needs more stack than a managed thread's default on some platforms.</summary>
    private const int StackBytes = 16 << 20;

    public static bool Suits(int rows) => rows >= MinimumRows;

    /// <summary>
    /// Runs <paramref name="highs"/> with SIP on two threads, on a thread of its own, and puts back one thread and
    /// <paramref name="simplexStrategy"/> (the strategy the session's serial solves use) afterwards.
    /// </summary>
    /// <returns>What <c>Highs_run</c> returned.</returns>
    public static int Run(IntPtr highs, int simplexStrategy)
    {
        Check(Highs_setIntOptionValue(highs, "threads", Threads), "threads");
        Check(Highs_setIntOptionValue(highs, "simplex_strategy", SimplexStrategySip), "simplex_strategy");
        try
        {
            var status = StatusError;
            var thread = new Thread(() => status = Highs_run(highs), StackBytes) { Name = "HiGHS parallel dual simplex", IsBackground = true };
            thread.Start();
            thread.Join();
            return status;
        }
        finally
        {
            Check(Highs_setIntOptionValue(highs, "threads", 1), "threads");
            Check(Highs_setIntOptionValue(highs, "simplex_strategy", simplexStrategy), "simplex_strategy");
        }
    }
}
