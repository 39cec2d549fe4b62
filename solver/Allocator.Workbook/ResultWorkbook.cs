using Allocator.Models;
using Allocator.Workbook.Results;
using Allocator.Workbook.Xlsx;

namespace Allocator.Workbook;

/// <summary>A plan as a workbook: summary, allocations, deliveries, per donor, per line, per need and the "why".</summary>
public static class ResultWorkbook
{
    /// <summary>The plan's workbook; <paramref name="request"/>, when given, adds donor names and line details.</summary>
    public static byte[] Write(AllocationRequest? request, AllocationResult result) => XlsxWriter.Write(ResultToGrid.Build(request, result));
}
