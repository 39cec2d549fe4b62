using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Allocator.Models;

namespace Allocator.Tests.Service;

/// <summary>Contract 1.1 in the service: revisions of a stored allocation, their link in the audit trail, and the diff of two.</summary>
public sealed class RevisionEndpointTests
{
    private const string Ukraine = "ukraine-2024.json";

    [Fact]
    public async Task Revision_replans_against_the_stored_plan_links_both_trails_and_diffs()
    {
        await using var service = await TestService.StartAsync();
        using var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(TestService.Example(Ukraine)));
        var first = TestService.IdFrom(created);
        var july = TestService.ReadResult(await created.Content.ReadAsStringAsync(), first);

        // October: the October example without its previous plan (the service supplies it from the stored allocation).
        var october = JsonNode.Parse(TestService.Example("ukraine-2024-october.json"))!.AsObject();
        october.Remove("previousPlan");
        using var revised = await service.Client.PostAsync($"/v1/allocations/{first}/revisions", TestService.Json(Encoding.UTF8.GetBytes(october.ToJsonString())));
        Assert.Equal(HttpStatusCode.Created, revised.StatusCode);
        var second = TestService.IdFrom(revised);
        var result = TestService.ReadResult(await revised.Content.ReadAsStringAsync(), second);
        Assert.Equal("optimal", result.Status);
        Assert.NotNull(result.Summary.Change);
        Assert.Equal(july.Summary.Committed, result.Revision!.Previous, 3);

        // The stored request is what was solved: the body with the stored plan as previousPlan.
        using var storedRequest = await service.Client.GetAsync($"/v1/allocations/{second}/request");
        var stored = RequestReader.Read(await storedRequest.Content.ReadAsByteArrayAsync()).Request!;
        Assert.Equal(july.Allocations.Count, stored.PreviousPlan!.Allocations.Count);

        // The link, both ways.
        Assert.Contains(await Events(service, second), e => e.Detail?.Contains($"revision of {first}") == true);
        Assert.Contains(await Events(service, first), e => e.Status == "revised" && e.Detail == $"revised by {second}");

        using var diffResponse = await service.Client.GetAsync($"/v1/allocations/{first}/diff/{second}");
        Assert.Equal(HttpStatusCode.OK, diffResponse.StatusCode);
        var diff = JsonSerializer.Deserialize(await diffResponse.Content.ReadAsStringAsync(), AllocatorJson.Context.PlanDiff)!;
        Assert.Equal(PlanComparison.Compare(july, result).Allocations.Count, diff.Allocations.Count);
        Assert.NotEmpty(diff.Allocations);
        Assert.Contains(diff.RequestChanges!, c => c.Item == "tranche" && c.Id == "se" && c.Tranche == 1);
    }

    [Fact]
    public async Task Revision_refuses_a_previous_plan_in_the_body_and_unknown_ids()
    {
        await using var service = await TestService.StartAsync();
        using var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(TestService.Example("teaching-two-donors.json")));
        var id = TestService.IdFrom(created);
        var body = JsonNode.Parse(TestService.Example("teaching-two-donors.json"))!.AsObject();
        body["previousPlan"] = new JsonObject { ["allocations"] = new JsonArray() };

        using var refused = await service.Client.PostAsync($"/v1/allocations/{id}/revisions", TestService.Json(Encoding.UTF8.GetBytes(body.ToJsonString())));
        using var unknown = await service.Client.PostAsync("/v1/allocations/aaaaaaaaaaaaaaaaaaaaaaaaaa/revisions", TestService.Json(TestService.Example("teaching-two-donors.json")));
        using var noDiff = await service.Client.GetAsync($"/v1/allocations/{id}/diff/aaaaaaaaaaaaaaaaaaaaaaaaaa");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("$.previousPlan", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noDiff.StatusCode);
    }

    private static async Task<List<(string Status, string? Detail)>> Events(TestService service, string id)
    {
        using var audit = await service.Client.GetAsync($"/v1/allocations/{id}/audit");
        var events = JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement.GetProperty("events");
        return events.EnumerateArray().Select(e => (e.GetProperty("status").GetString()!, e.GetProperty("detail").GetString())).ToList();
    }
}
