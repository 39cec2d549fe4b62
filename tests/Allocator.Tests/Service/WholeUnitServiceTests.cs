using System.Net;
using Allocator.Solver;
using Allocator.Tests.Checking;

namespace Allocator.Tests.Service;

/// <summary>Contract 1.1 through the HTTP service: the 2024 example in whole units gets the same plan and figures as the engine.</summary>
public sealed class WholeUnitServiceTests
{
    [Fact]
    public async Task Post_of_a_request_with_lots_serves_the_plan_in_whole_lots_with_its_bound_and_price()
    {
        await using var service = await TestService.StartAsync();
        var request = TestService.Example("ukraine-2024-whole-units.json");

        using var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(request));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var served = TestService.ReadResult(await created.Content.ReadAsStringAsync(), TestService.IdFrom(created));

        var direct = AllocationEngine.Solve(request);
        Assert.Equal("optimal", served.Status);
        Assert.Equal(direct.Result!.Summary.Value, served.Summary.Value, 9);
        Assert.Equal(direct.Result.Summary.ValueBound, served.Summary.ValueBound);
        Assert.Equal(direct.Result.Summary.RelaxedValue, served.Summary.RelaxedValue);
        Assert.Equal(direct.Result.Diagnostics.MipGap, served.Diagnostics.MipGap);
        Assert.Empty(PlanChecker.Check(direct.Request!, served));
    }
}
