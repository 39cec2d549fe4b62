namespace Allocator.Sweeps;

/// <summary>The output folder cannot take this sweep (it holds another sweep's results); nothing was solved.</summary>
public sealed class SweepFolderException(string message) : Exception(message);
