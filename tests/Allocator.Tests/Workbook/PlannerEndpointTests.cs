using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Allocator.Models;
using Allocator.Tests.Service;
using Allocator.Workbook;

namespace Allocator.Tests.Workbook;

/// <summary>The page and the workbook endpoints of the service, with the API key on.</summary>
public sealed class PlannerEndpointTests
{
    private const string Key = "planner-test-key";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static HttpRequestMessage Authorized(HttpMethod method, string path, HttpContent? content = null)
    {
        var message = new HttpRequestMessage(method, path) { Content = content };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return message;
    }

    private static ByteArrayContent Body(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    [Fact]
    public async Task The_page_loads_without_the_key_and_the_data_needs_it()
    {
        await using var service = await TestService.StartAsync(apiKey: Key);
        var page = await service.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/planner/app.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/planner/app.css")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client.GetAsync("/planner/secret.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client.GetAsync("/v1/examples/ukraine-2024")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.SendAsync(Authorized(HttpMethod.Get, "/v1/examples/ukraine-2024"))).StatusCode);
    }

    [Fact]
    public async Task Check_places_a_workbooks_problem_in_its_cell()
    {
        await using var service = await TestService.StartAsync(apiKey: Key);
        var json = WorkbookFixtures.Example("teaching-two-donors.json").Replace("\"quantity\": 40", "\"quantity\": -40");
        var xlsx = RequestWorkbook.Write(RequestReader.Read(json).Request!);
        var response = await service.Client.SendAsync(Authorized(HttpMethod.Post, "/v1/workbooks/check", Body(xlsx, "application/octet-stream")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(answer.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("Needs", error.GetProperty("sheet").GetString());
        Assert.StartsWith("C", error.GetProperty("cell").GetString());
        Assert.DoesNotContain("Needs!", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("request").ValueKind);
        Assert.Contains(answer.RootElement.GetProperty("sheets").EnumerateArray(), s => s.GetProperty("name").GetString() == "Needs");
    }

    [Fact]
    public async Task Check_of_valid_json_gives_the_canonical_request_and_its_sheets()
    {
        await using var service = await TestService.StartAsync();
        var json = WorkbookFixtures.Example("teaching-two-donors.json");
        var response = await service.Client.PostAsync("/v1/workbooks/check", Body(System.Text.Encoding.UTF8.GetBytes(json), "application/json"));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(answer.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(WorkbookFixtures.Canonical(System.Text.Encoding.UTF8.GetBytes(json)),
            WorkbookFixtures.Canonical(System.Text.Encoding.UTF8.GetBytes(answer.RootElement.GetProperty("request").GetRawText())));
    }

    /// <summary>A re-plan (contract 1.1's asOf, commitments and previous plan) was refused before the workbook held them.</summary>
    [Fact]
    public async Task A_replan_request_becomes_a_workbook_that_reads_back_the_same()
    {
        await using var service = await TestService.StartAsync();
        var json = System.Text.Encoding.UTF8.GetBytes(WorkbookFixtures.Example("ukraine-2024-october.json"));
        var response = await service.Client.PostAsync("/v1/workbooks/request", Body(json, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var back = RequestWorkbook.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(back.Errors);
        Assert.Equal(WorkbookFixtures.Canonical(json), WorkbookFixtures.Canonical(back.Json!));
    }

    [Fact]
    public async Task A_workbook_is_solved_stored_and_served_back_as_workbook_and_report()
    {
        await using var service = await TestService.StartAsync(apiKey: Key);
        var xlsx = RequestWorkbook.Write(RequestReader.Read(WorkbookFixtures.Example("teaching-two-donors.json")).Request!);
        var created = await service.Client.SendAsync(Authorized(HttpMethod.Post, "/v1/workbooks/allocations", Body(xlsx, Xlsx)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();

        var workbook = await service.Client.SendAsync(Authorized(HttpMethod.Get, location + "/workbook"));
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal(Xlsx, workbook.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PK\u0003\u0004"u8.ToArray(), (await workbook.Content.ReadAsByteArrayAsync())[..4]);

        var report = await service.Client.SendAsync(Authorized(HttpMethod.Get, location + "/report"));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("<svg", await report.Content.ReadAsStringAsync());

        var stored = await service.Client.SendAsync(Authorized(HttpMethod.Get, location + "/request"));
        Assert.Equal(WorkbookFixtures.Canonical(System.Text.Encoding.UTF8.GetBytes(WorkbookFixtures.Example("teaching-two-donors.json"))),
            WorkbookFixtures.Canonical(await stored.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_workbook_with_mistakes_is_refused_with_cells_and_nothing_is_stored()
    {
        await using var service = await TestService.StartAsync();
        var xlsx = RequestWorkbook.Write(RequestReader.Read(
            WorkbookFixtures.Example("teaching-two-donors.json").Replace("\"quantity\": 40", "\"quantity\": -40")).Request!);
        var response = await service.Client.PostAsync("/v1/workbooks/allocations", Body(xlsx, Xlsx));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Needs!C", await response.Content.ReadAsStringAsync());
        using var list = JsonDocument.Parse(await service.Client.GetStringAsync("/v1/allocations"));
        Assert.Empty(list.RootElement.GetProperty("items").EnumerateArray());
    }
}
