using System.Reflection;

namespace Allocator.Tests.Docs;

/// <summary>
/// Issue 11, item 16: <c>dotnet test</c> at its default verbosity printed "Skipped NAME" without the reason. A test
/// skipped for want of a program or a server must carry its reason in the name the console prints.
/// </summary>
public class SkipReasonTests
{
    [Fact]
    public void Every_skipped_test_prints_why_in_its_name()
    {
        var tests = typeof(SkipReasonTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<FactAttribute>().Select(a => (Method: m, Attribute: a)))
            .ToList();
        Assert.NotEmpty(tests);

        foreach (var (method, attribute) in tests.Where(t => t.Attribute.Skip is not null))
        {
            Assert.Contains(attribute.Skip!, attribute.DisplayName ?? "");
            Assert.Contains($"{method.DeclaringType!.Name}.{method.Name}", attribute.DisplayName ?? "");
        }
    }

    [Fact]
    public void A_skipped_name_says_test_and_reason()
    {
        Assert.Equal("AuditStoreTests.Postgres_store (skipped: no server)", SkippedTests.Name("/x/Service/AuditStoreTests.cs", "Postgres_store", "no server"));
    }
}
