namespace Allocator.Models;

/// <summary>
/// Something in a valid request that is probably not what the planner meant (a need for a category no line makes,
/// an earmark naming a producer no line has): the request is solved as written, and the warning says where to look.
/// </summary>
/// <param name="Path">JSON path of the value, such as <c>$.needs[3].category</c>.</param>
/// <param name="Message">A sentence a planner understands, with a "did you mean" when a name is close.</param>
public sealed record InputWarning(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
