using System.Text;
using Allocator.Models;
using Allocator.Solver;
using Allocator.Tests.Solver;

namespace Allocator.Tests.Models;

/// <summary>The CLI writes a result straight to UTF-8 (<see cref="AllocatorJson.SerializeToUtf8Line"/>): the same bytes as the text.</summary>
public class ResultJsonTests
{
    [Fact]
    public void SerializeToUtf8Line_IsTheTextAndALineEnd_InUtf8()
    {
        // The 2024 example's result carries non-ASCII text and apostrophes in its explanations, which the encoder keeps readable.
        var result = AllocationEngine.Solve(Examples.Request(Examples.Ukraine2024), new SolveOptions());
        var text = AllocatorJson.Serialize(result);

        var bytes = AllocatorJson.SerializeToUtf8Line(result);

        Assert.Equal(Encoding.UTF8.GetBytes(text + "\n"), bytes);
        Assert.Contains('\'', text);
        Assert.DoesNotContain("\\u0027", text);
    }

    [Fact]
    public void SerializeToUtf8Line_KeepsNonAsciiLettersReadable()
    {
        var result = AllocationEngine.Solve(Examples.Request(Examples.Ukraine2024), new SolveOptions())
            .WithWarnings([new InputWarning("$.donors[0].name", "Київ: план на жовтень")]);

        var bytes = AllocatorJson.SerializeToUtf8Line(result);

        Assert.Contains("Київ: план на жовтень", Encoding.UTF8.GetString(bytes));
        Assert.Equal(Encoding.UTF8.GetBytes(AllocatorJson.Serialize(result) + "\n"), bytes);
    }
}
