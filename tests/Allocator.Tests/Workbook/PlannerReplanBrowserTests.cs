using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Allocator.Tests.Report;
using Allocator.Tests.Service;
using Xunit.Abstractions;
using static Allocator.Tests.Workbook.PlannerBrowserTests;

namespace Allocator.Tests.Workbook;

/// <summary>
/// Re-planning on the planner's page in headless Chromium against the real service with the API key on: solve a
/// request, choose a changed one, press "Re-plan against this allocation" on the first plan's audit row, and read the
/// diff table. The table is checked against the two stored plans' allocations, summed by the test itself.
/// </summary>
public sealed class PlannerReplanBrowserTests(ITestOutputHelper output)
{
    private const string Key = "browser-replan-key";

    [ChromiumFact]
    public async Task A_planner_replans_against_a_past_allocation_and_sees_what_moved()
    {
        await using var service = await TestService.StartAsync(kestrel: true, apiKey: Key);
        service.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        await using var browser = await Chromium.StartAsync();
        var page = await browser.NewPageAsync(1280, 900);
        await page.GoToAsync(service.App.Urls.Single() + "/");
        await page.EvaluateAsync($"document.getElementById('api-key').value = '{Key}'; document.getElementById('key-form').requestSubmit(); true");

        // The first plan: the two-donor teaching example, solved as it is.
        var original = WorkbookFixtures.Example("teaching-two-donors.json");
        await Upload(page, "two-donors.json", Encoding.UTF8.GetBytes(original));
        await WaitFor(page, "document.getElementById('check-title').textContent.startsWith('two-donors.json: no problems')");
        await page.EvaluateAsync("document.getElementById('solve').click(); true");
        await WaitFor(page, "!document.getElementById('plan').hidden && document.getElementById('summary').textContent.includes('optimal')");

        // A month later the open donor doubles its pledge: choose that request, then re-plan against the first plan.
        var changed = JsonNode.Parse(original)!.AsObject();
        changed["donors"]![1]!["tranches"]![0]!["amount"] = 6000000;
        await Upload(page, "more-money.json", Encoding.UTF8.GetBytes(changed.ToJsonString()));
        await WaitFor(page, "document.getElementById('check-title').textContent.startsWith('more-money.json: no problems')");
        await page.EvaluateAsync("document.getElementById('audit-refresh').click(); true");
        await WaitFor(page, "document.querySelectorAll('#audit tbody button.replan').length === 1");
        var before = (await page.EvaluateAsync("document.querySelector('#audit tbody button.replan').dataset.id")).GetString()!;
        Assert.Contains(before, (await page.EvaluateAsync("document.querySelector('#audit tbody button.replan').getAttribute('aria-label')")).GetString());
        await page.EvaluateAsync("document.querySelector('#audit tbody button.replan').click(); true");
        await WaitFor(page, "!document.getElementById('changes').hidden");

        var shown = await page.EvaluateAsync("""
            ({
              lead: document.getElementById('changes-lead').textContent,
              focused: document.activeElement === document.getElementById('h-changes'),
              headers: [...document.querySelectorAll('#diff thead th')].map(th => th.textContent),
              rows: [...document.querySelectorAll('#diff tbody tr')].map(tr => [...tr.cells].map(td => td.textContent)),
              audit: document.querySelectorAll('#audit tbody tr').length,
            })
            """);
        output.WriteLine(shown.ToString());
        var after = Regex(shown.GetProperty("lead").GetString()!);
        Assert.NotEqual(before, after);
        Assert.True(shown.GetProperty("focused").GetBoolean());
        Assert.Equal(["Donor", "Tranche no.", "Line", "Period", "Before", "After"], shown.GetProperty("headers").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(2, shown.GetProperty("audit").GetInt32());

        // What moved, from the two stored plans: money per donor, tranche, line and period, before and after.
        var was = await Money(service, before);
        var now = await Money(service, after);
        var scale = Math.Max(was.Values.Sum(), now.Values.Sum());
        var expected = was.Keys.Union(now.Keys)
            .Select(k => (Key: k, Before: was.GetValueOrDefault(k), After: now.GetValueOrDefault(k)))
            .Where(x => Math.Abs(x.After - x.Before) > 1e-9 * scale)
            .ToDictionary(x => x.Key);
        var rows = shown.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows)
        {
            var key = (row[0], int.Parse(row[1], CultureInfo.InvariantCulture), row[2], int.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.True(expected.TryGetValue(key, out var change), $"the table shows {string.Join(", ", row)}, which did not change");
            Assert.InRange(Parse(row[4]), change.Before - 0.5, change.Before + 0.5);
            Assert.InRange(Parse(row[5]), change.After - 0.5, change.After + 0.5);
        }
        Assert.True(page.Errors.Count == 0, string.Join("\n", page.Errors));
    }

    /// <summary>The revised plan's id, as the page states it ("... to the re-plan ID: ...").</summary>
    private static string Regex(string lead) =>
        System.Text.RegularExpressions.Regex.Match(lead, "to the re-plan ([a-z2-7]{26})").Groups[1].Value;

    private static double Parse(string text) => double.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);

    private static async Task<Dictionary<(string, int, string, int), double>> Money(TestService service, string id)
    {
        using var document = JsonDocument.Parse(await service.Client.GetStringAsync("/v1/allocations/" + id));
        var money = new Dictionary<(string, int, string, int), double>();
        foreach (var row in document.RootElement.GetProperty("allocations").EnumerateArray())
        {
            var key = (row.GetProperty("donor").GetString()!, row.GetProperty("tranche").GetInt32(), row.GetProperty("line").GetString()!, row.GetProperty("period").GetInt32());
            money[key] = money.GetValueOrDefault(key) + row.GetProperty("amount").GetDouble();
        }
        return money;
    }
}
