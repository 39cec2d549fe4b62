namespace Allocator.Report;

/// <summary>Colours. Categories get distinct muted hues; green, orange and red are kept for on time, late and missing.</summary>
internal static class Palette
{
    private static readonly string[] Categories =
    [
        "#4e79a7", "#76b7b2", "#b07aa1", "#9c755f", "#edc948", "#5d5fa8", "#ff9da7",
        "#8a9a3b", "#3ba7c9", "#8e5572", "#c9a66b", "#2a9d8f", "#6b7b8c", "#a67db8",
    ];

    public const string Donor = "#334155";
    public const string Mixed = "#94a3b8";
    public const string Unallocated = "#cbd5e1";
    public const string OnTime = "#2e7d32";
    public const string OnTimeLight = "#a5d6a7";
    public const string Late = "#ef6c00";
    public const string LateLight = "#ffcc80";
    public const string Missing = "#c62828";
    public const string Capacity = "#dbe3ec";
    public const string Funded = "#3f6ea5";
    public const string Available = "#dbe3ec";
    public const string Committed = "#334155";

    /// <summary>The colour of the category ranked <paramref name="rank"/> (0 = most money).</summary>
    public static string Category(int rank) => Categories[((rank % Categories.Length) + Categories.Length) % Categories.Length];
}
