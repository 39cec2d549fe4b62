using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Allocator.Solver;

namespace Allocator.Tests.Service;

/// <summary>
/// Contract 1.1, section 4 through the service: <c>lines[].slip</c> is a request field like any other, so a request
/// with slips is solved (the same expected value as the engine) and a bad slip is a 400 naming its path.
/// </summary>
public sealed class SlipServiceTests
{
    private static byte[] WithSlips(Action<JsonArray> change)
    {
        var root = JsonNode.Parse(TestService.Example("ukraine-2024.json"))!.AsObject();
        change(root["lines"]!.AsArray());
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    [Fact]
    public async Task Post_request_with_slips_is_solved_for_the_expected_value()
    {
        await using var service = await TestService.StartAsync();
        var request = WithSlips(lines =>
        {
            lines[0]!["slip"] = new JsonArray(0.5, 0.3, 0.2);
            lines[6]!["slip"] = new JsonArray(0.2, 0.3, 0.3, 0.2);
        });

        using var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(request));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var served = TestService.ReadResult(await created.Content.ReadAsStringAsync());
        var direct = AllocationEngine.Solve(request).Result!;
        Assert.Equal("optimal", served.Status);
        Assert.Equal(direct.Summary.Value, served.Summary.Value, 9);
        Assert.Equal(direct.Summary.Committed, served.Summary.Committed, 3);
        // The slips cost expected value: less than the same request solved as if every line were on time.
        var onTime = AllocationEngine.Solve(TestService.Example("ukraine-2024.json")).Result!;
        Assert.True(served.Summary.Value < onTime.Summary.Value, $"{served.Summary.Value} vs {onTime.Summary.Value}");
    }

    [Fact]
    public async Task Post_request_with_a_bad_slip_is_400_at_its_path()
    {
        await using var service = await TestService.StartAsync();
        var request = WithSlips(lines => lines[2]!["slip"] = new JsonArray(0.5, 0.4));

        using var response = await service.Client.PostAsync("/v1/allocations", TestService.Json(request));

        var problem = await TestService.ProblemAsync(response, 400);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("$.lines[2].slip", error.GetProperty("path").GetString());
    }
}
