using System.Text.Json;
using System.Text.Json.Nodes;
using Allocator.Models;
using Allocator.Tests.Report;
using Allocator.Tests.Service;
using Allocator.Workbook;
using Xunit.Abstractions;

namespace Allocator.Tests.Workbook;

/// <summary>
/// The planner's page in headless Debian Chromium against the real service (Kestrel on 127.0.0.1, API key on):
/// upload a workbook with a mistake and see it at its cell, start from the example, solve, read the plan, download
/// it, browse the audit trail. Skipped, saying why, when Chromium is not installed (.ci/run installs it).
/// Screenshots go to <c>$ALLOCATOR_SCREENSHOT_DIR</c>, or to <c>screenshots/</c> next to the tests.
/// </summary>
public sealed class PlannerBrowserTests(ITestOutputHelper output)
{
    private const string Key = "browser-test-key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [ChromiumFact]
    public async Task A_planner_uploads_fixes_solves_downloads_and_browses_the_audit_trail()
    {
        await using var service = await TestService.StartAsync(kestrel: true, apiKey: Key);
        var url = service.App.Urls.Single();
        var downloads = Directory.CreateTempSubdirectory("allocator-downloads-").FullName;
        await using var browser = await Chromium.StartAsync();
        await browser.SendAsync("Browser.setDownloadBehavior", new JsonObject { ["behavior"] = "allow", ["downloadPath"] = downloads });
        var page = await browser.NewPageAsync(1280, 900);
        await page.GoToAsync(url + "/");

        // Every control has a name a screen reader can say.
        Assert.True((await page.EvaluateAsync("""
            [...document.querySelectorAll('input')].every(i => i.labels.length > 0)
              && [...document.querySelectorAll('button')].every(b => (b.getAttribute('aria-label') || b.textContent).trim().length > 0)
            """)).GetBoolean());

        // The key, typed once; every call from here on sends it.
        await page.EvaluateAsync($"document.getElementById('api-key').value = '{Key}'; document.getElementById('key-form').requestSubmit(); true");
        Assert.Equal(Key, (await page.EvaluateAsync("sessionStorage.getItem('allocator.apiKey')")).GetString());

        // Upload a workbook whose Swedish tranche is in SEK, which has no rate: the problem shows at Tranches!C6.
        await Upload(page, "sek-without-rate.xlsx", RequestWorkbook.Write(RequestReader.Read(SekWithoutRate()).Request!));
        await WaitFor(page, "document.getElementById('check-title').textContent.includes('1 problem')");
        var shown = await page.EvaluateAsync("""
            (() => {
              const cell = document.querySelector('#sheet td[data-cell="C6"]');
              return {
                tab: document.querySelector('[role=tab][aria-selected=true]').dataset.sheet,
                bad: cell.classList.contains('bad'), invalid: cell.getAttribute('aria-invalid'),
                message: cell.querySelector('.msg').textContent, focused: document.activeElement === cell,
                value: cell.firstChild.textContent, problem: document.querySelector('#problems button').textContent,
                solvable: !document.getElementById('solve').disabled,
              };
            })()
            """);
        output.WriteLine(shown.ToString());
        Assert.Equal("Tranches", shown.GetProperty("tab").GetString());
        Assert.True(shown.GetProperty("bad").GetBoolean());
        Assert.Equal("true", shown.GetProperty("invalid").GetString());
        Assert.Contains("no exchange rate for 'SEK'", shown.GetProperty("message").GetString());
        Assert.Equal("SEK", shown.GetProperty("value").GetString());
        Assert.Equal("Tranches!C6", shown.GetProperty("problem").GetString());
        Assert.True(shown.GetProperty("focused").GetBoolean());
        Assert.False(shown.GetProperty("solvable").GetBoolean());
        await Save(page, "planner-error.png", 900);

        // Start from the example instead, and solve it.
        await page.EvaluateAsync("document.getElementById('example').click(); true");
        await WaitFor(page, "document.getElementById('check-title').textContent.includes('no problems')");
        await page.EvaluateAsync("document.getElementById('solve').click(); true");
        await WaitFor(page, "!document.getElementById('plan').hidden && document.getElementById('report').srcdoc.includes('<svg')");
        var plan = await page.EvaluateAsync("""
            ({ summary: document.getElementById('summary').textContent, briefing: document.getElementById('briefing').textContent })
            """);
        Assert.Contains("optimal", plan.GetProperty("summary").GetString());
        Assert.Contains("hand-made plan", plan.GetProperty("briefing").GetString());
        await Save(page, "planner-plan.png", 1400);

        // Download the plan as a workbook and as JSON.
        await page.EvaluateAsync("document.getElementById('get-xlsx').click(); true");
        var xlsx = await Downloaded(downloads, ".xlsx");
        Assert.Equal("PK\u0003\u0004"u8.ToArray(), xlsx[..4]);
        await page.EvaluateAsync("document.getElementById('get-json').click(); true");
        using (var json = JsonDocument.Parse(await Downloaded(downloads, ".json")))
            Assert.Equal("optimal", json.RootElement.GetProperty("status").GetString());

        // The audit trail lists the allocation, and its history shows how it ran.
        await page.EvaluateAsync("document.getElementById('audit-refresh').click(); true");
        await WaitFor(page, "document.querySelectorAll('#audit tbody tr').length === 1");
        await page.EvaluateAsync("document.querySelector('#audit tbody button').click(); true");
        await WaitFor(page, "!document.getElementById('events').hidden");
        var events = (await page.EvaluateAsync("document.getElementById('events-list').textContent")).GetString()!;
        Assert.Contains("queued", events);
        Assert.Contains("optimal", events);

        Assert.True(page.Errors.Count == 0, string.Join("\n", page.Errors));
        Directory.Delete(downloads, recursive: true);
    }

    /// <summary>Puts a file into the page's file input, as choosing it in the file dialog would, and fires its change event.</summary>
    internal static Task Upload(ChromiumPage page, string name, byte[] bytes) => page.EvaluateAsync($$"""
        (() => {
          const bytes = Uint8Array.from(atob('{{Convert.ToBase64String(bytes)}}'), c => c.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], '{{name}}'));
          const input = document.getElementById('file');
          input.files = transfer.files;
          input.dispatchEvent(new Event('change'));
          return true;
        })()
        """);

    internal static async Task WaitFor(ChromiumPage page, string condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!(await page.EvaluateAsync($"!!({condition})")).GetBoolean())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"waited {Patience.TotalSeconds} s for: {condition}\nstatus: {(await page.EvaluateAsync("document.getElementById('status').textContent")).GetString()}\nerrors: {string.Join("\n", page.Errors)}");
            await Task.Delay(200);
        }
    }

    private static async Task<byte[]> Downloaded(string directory, string extension)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var file = Directory.GetFiles(directory, "*" + extension).FirstOrDefault();
            if (file is not null)
            {
                var bytes = await File.ReadAllBytesAsync(file);
                if (bytes.Length > 0) return bytes;
            }
            await Task.Delay(200);
        }
        Assert.Fail($"no {extension} file was downloaded within {Patience.TotalSeconds} s");
        return [];
    }

    private async Task Save(ChromiumPage page, string name, double height)
    {
        var directory = Environment.GetEnvironmentVariable("ALLOCATOR_SCREENSHOT_DIR") is { Length: > 0 } custom
            ? custom : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        await File.WriteAllBytesAsync(path, await page.ScreenshotAsync(height));
        output.WriteLine($"screenshot: {path}");
    }

    private static string SekWithoutRate()
    {
        var node = JsonNode.Parse(WorkbookFixtures.Example("ukraine-2024.json"))!.AsObject();
        node["exchangeRates"]!.AsObject().Remove("SEK");
        foreach (var donor in node["donors"]!.AsArray())
            if ((string)donor!["id"]! == "se") donor["tranches"]![0]!["currency"] = "SEK";
        return node.ToJsonString();
    }
}
