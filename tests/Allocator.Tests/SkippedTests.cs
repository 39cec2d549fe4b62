namespace Allocator.Tests;

/// <summary>
/// <c>dotnet test</c> prints a skip reason only at normal verbosity, but a skipped test's name at every verbosity:
/// so a test skipped for want of a program or a server (Chromium, glpsol, PostgreSQL) carries the reason in its
/// name ("Skipped AuditStoreTests.Postgres_store_keeps_the_contract (skipped: no PostgreSQL server: ...)").
/// </summary>
internal static class SkippedTests
{
    /// <summary>The display name of a skipped test: its file's class, its method and the reason.</summary>
    public static string Name(string file, string test, string reason) =>
        $"{Path.GetFileNameWithoutExtension(file)}.{test} (skipped: {reason})";
}
