using System.Reflection;
using System.Runtime.InteropServices;

namespace Allocator.Solver.Backends;

/// <summary>
/// HiGHS's own C API (highs_c_api.h), from the HiGHS library that the OR-Tools runtime package ships next to
/// OR-Tools (libhighs.so.1 on Linux). Allocator calls it directly rather than through OR-Tools' <c>MPSolver</c>,
/// whose HiGHS interface builds a new HiGHS instance for every solve, so the money stage starts cold (at the XL
/// preset: 38,901 iterations and 82 s, against 24 s for the value stage), and returns row activities in place of
/// duals. One instance here keeps its basis across the lexicographic stages. Only the few calls Allocator needs.
/// </summary>
internal static class HighsApi
{
    private const string Library = "highs";

    public const int StatusError = -1;

    /// <summary>Throws when HiGHS refused <paramref name="call"/> (the session and its helpers catch it and fall back).</summary>
    public static void Check(int status, string call)
    {
        if (status == StatusError) throw new InvalidOperationException($"HiGHS rejected {call}");
    }
    public const int MatrixFormatColwise = 1;
    public const int MatrixFormatRowwise = 2;
    public const int SenseMinimize = 1;
    public const int SenseMaximize = -1;
    public const int ModelStatusModelEmpty = 6;
    public const int ModelStatusOptimal = 7;
    public const int ModelStatusInfeasible = 8;
    public const int ModelStatusUnboundedOrInfeasible = 9;
    public const int ModelStatusUnbounded = 10;
    public const int ModelStatusTimeLimit = 13;
    public const int ModelStatusIterationLimit = 14;
    public const int ModelStatusInterrupt = 17;
    public const int SolutionStatusFeasible = 2;
    public const int CallbackSimplexInterrupt = 1;
    public const int CallbackIpmInterrupt = 2;
    public const int CallbackMipInterrupt = 6;
    public const int BasisStatusLower = 0, BasisStatusBasic = 1, BasisStatusUpper = 2;
    public const int VarTypeContinuous = 0, VarTypeInteger = 1, VarTypeSemiContinuous = 2, VarTypeSemiInteger = 3;

    static HighsApi() => NativeLibrary.SetDllImportResolver(typeof(HighsApi).Assembly, Resolve);

    /// <summary>Whether the library loads and is a HiGHS 1.x with 32-bit indices (what these signatures assume).</summary>
    public static bool IsAvailable => Availability.Value;

    private static readonly Lazy<bool> Availability = new(() =>
    {
        try
        {
            if (Highs_versionMajor() != 1) return false;
            var highs = Highs_create();
            try { return Highs_getSizeofHighsInt(highs) == sizeof(int); }
            finally { Highs_destroy(highs); }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    });

    /// <summary>The file name of the HiGHS library in the OR-Tools runtime package, per platform.</summary>
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library) return IntPtr.Zero;
        string[] candidates = OperatingSystem.IsWindows() ? ["highs.dll", "libhighs.dll"]
            : OperatingSystem.IsMacOS() ? ["libhighs.1.dylib", "libhighs.dylib"]
            : ["libhighs.so.1", "libhighs.so"];
        foreach (var candidate in candidates)
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
                return handle;
        return IntPtr.Zero;
    }

    /// <summary><c>HighsCCallbackType</c>: (callback type, message, data out, data in, user data).</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void Callback(int type, IntPtr message, IntPtr dataOut, IntPtr dataIn, IntPtr userData);

    [DllImport(Library)] public static extern int Highs_versionMajor();
    [DllImport(Library)] public static extern IntPtr Highs_create();
    [DllImport(Library)] public static extern void Highs_destroy(IntPtr highs);
    [DllImport(Library)] public static extern int Highs_getSizeofHighsInt(IntPtr highs);

    [DllImport(Library)]
    public static extern int Highs_passLp(IntPtr highs, int numCol, int numRow, int numNz, int aFormat, int sense, double offset,
        double[] colCost, double[] colLower, double[] colUpper, double[] rowLower, double[] rowUpper, int[] aStart, int[] aIndex, double[] aValue);

    [DllImport(Library)] public static extern int Highs_changeColsCostByRange(IntPtr highs, int fromCol, int toCol, double[] cost);
    [DllImport(Library)]
    public static extern int Highs_addCols(IntPtr highs, int numNewCol, double[] costs, double[] lower, double[] upper, int numNewNz,
        int[] starts, int[] index, double[] value);

    [DllImport(Library)]
    public static extern int Highs_getColsByRange(IntPtr highs, int fromCol, int toCol, out int numCol, double[]? costs, double[]? lower,
        double[]? upper, out int numNz, int[]? matrixStart, int[]? matrixIndex, double[]? matrixValue);

    [DllImport(Library)]
    public static extern int Highs_getRowsByRange(IntPtr highs, int fromRow, int toRow, out int numRow, double[]? lower, double[]? upper,
        out int numNz, int[]? matrixStart, int[]? matrixIndex, double[]? matrixValue);

    [DllImport(Library)] public static extern int Highs_getBasis(IntPtr highs, int[] colStatus, int[] rowStatus);
    [DllImport(Library)] public static extern int Highs_setBasis(IntPtr highs, int[] colStatus, int[] rowStatus);
    [DllImport(Library)] public static extern int Highs_getBasicVariables(IntPtr highs, int[] basicVariables);
    [DllImport(Library)] public static extern int Highs_getBasisTransposeSolve(IntPtr highs, double[] rhs, double[] solution, IntPtr solutionNonzeros, IntPtr solutionIndices);
    [DllImport(Library)] public static extern int Highs_changeObjectiveSense(IntPtr highs, int sense);
    [DllImport(Library)] public static extern int Highs_addRow(IntPtr highs, double lower, double upper, int numNz, int[] index, double[] value);
    [DllImport(Library)] public static extern int Highs_changeRowBounds(IntPtr highs, int row, double lower, double upper);
    [DllImport(Library)] public static extern int Highs_getNumRow(IntPtr highs);
    [DllImport(Library)] public static extern int Highs_changeColBounds(IntPtr highs, int column, double lower, double upper);
    [DllImport(Library)] public static extern int Highs_clearSolver(IntPtr highs);
    [DllImport(Library)] public static extern double Highs_getObjectiveValue(IntPtr highs);
    [DllImport(Library)] public static extern int Highs_run(IntPtr highs);
    [DllImport(Library)] public static extern int Highs_writeModel(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string filename);
    [DllImport(Library)] public static extern int Highs_getModelStatus(IntPtr highs);

    [DllImport(Library)]
    public static extern int Highs_getSolution(IntPtr highs, double[] colValue, double[] colDual, double[] rowValue, double[] rowDual);

    [DllImport(Library)]
    public static extern int Highs_getIntInfoValue(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string info, out int value);

    [DllImport(Library)]
    public static extern int Highs_setBoolOptionValue(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string option, int value);

    [DllImport(Library)]
    public static extern int Highs_setIntOptionValue(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string option, int value);

    [DllImport(Library)]
    public static extern int Highs_setDoubleOptionValue(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string option, double value);

    [DllImport(Library)]
    public static extern int Highs_setStringOptionValue(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string option, [MarshalAs(UnmanagedType.LPUTF8Str)] string value);

    [DllImport(Library)] public static extern int Highs_changeColIntegrality(IntPtr highs, int column, int integrality);
    [DllImport(Library)] public static extern int Highs_setSolution(IntPtr highs, double[] colValue, double[]? rowValue, double[]? colDual, double[]? rowDual);

    [DllImport(Library)]
    public static extern int Highs_getDoubleInfoValue(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string info, out double value);

    [DllImport(Library)] public static extern int Highs_setCallback(IntPtr highs, Callback callback, IntPtr userData);
    [DllImport(Library)] public static extern int Highs_startCallback(IntPtr highs, int callbackType);
}
