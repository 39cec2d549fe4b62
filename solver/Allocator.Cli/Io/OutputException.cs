namespace Allocator.Cli.Io;

/// <summary>An output could not be written (a full disk, a device that refuses bytes); the message names it and why.</summary>
internal sealed class OutputException(string message) : Exception(message);
