using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Allocator.Tests.Report;

/// <summary>
/// Headless Debian Chromium driven over the DevTools protocol (a WebSocket; no Selenium or Playwright): open a
/// page, evaluate JavaScript, collect console errors, take screenshots.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>The browser to use: <c>$CHROMIUM</c> if set, else <see cref="DefaultPath"/>; null when absent.</summary>
    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } custom && File.Exists(custom) ? custom
        : File.Exists(DefaultPath) ? DefaultPath : null;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly string _userDataDir;
    private readonly ClientWebSocket _socket;
    private readonly Task _receiving;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private int _nextId;

    private Chromium(Process process, string userDataDir, ClientWebSocket socket)
    {
        _process = process;
        _userDataDir = userDataDir;
        _socket = socket;
        _receiving = Task.Run(ReceiveLoop);
    }

    /// <summary>Every event the browser sends: method, parameters, and the session it belongs to.</summary>
    public event Action<string, JsonElement, string?>? Event;

    /// <summary>Starts a fresh headless browser with an empty profile and connects to it.</summary>
    public static async Task<Chromium> StartAsync()
    {
        var path = ExecutablePath ?? throw new InvalidOperationException("chromium is not installed");
        var userDataDir = Directory.CreateTempSubdirectory("allocator-chromium-").FullName;
        var start = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--mute-audio",
                     $"--user-data-dir={userDataDir}", "--remote-debugging-port=0", "about:blank",
                 })
            start.ArgumentList.Add(argument);

        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            const string marker = "DevTools listening on ";
            var at = e.Data.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) endpoint.TrySetResult(e.Data[(at + marker.Length)..].Trim());
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => endpoint.TrySetException(new InvalidOperationException($"chromium exited early:\n{stderr}"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        string url;
        try
        {
            url = await endpoint.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            // Newer builds may not print the line; the profile's DevToolsActivePort file has the same facts.
            var file = Path.Combine(userDataDir, "DevToolsActivePort");
            if (!File.Exists(file))
            {
                Kill(process);
                throw new InvalidOperationException($"chromium did not report a DevTools port within {StartTimeout.TotalSeconds} s:\n{stderr}");
            }
            var lines = await File.ReadAllLinesAsync(file);
            url = $"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}";
        }
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(new Uri(url), CancellationToken.None);
        return new Chromium(process, userDataDir, socket);
    }

    /// <summary>Sends one DevTools command and returns its <c>result</c>.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (sessionId is not null) message["sessionId"] = sessionId;
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
        return await reply.Task.WaitAsync(CommandTimeout);
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = document.RootElement.Clone();
                if (root.TryGetProperty("id", out var idElement))
                {
                    if (!_pending.TryRemove(idElement.GetInt32(), out var reply)) continue;
                    if (root.TryGetProperty("error", out var error))
                        reply.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
                    else
                        reply.TrySetResult(root.TryGetProperty("result", out var result) ? result : default);
                }
                else if (root.TryGetProperty("method", out var method))
                {
                    var sessionId = root.TryGetProperty("sessionId", out var s) ? s.GetString() : null;
                    Event?.Invoke(method.GetString()!, root.TryGetProperty("params", out var p) ? p : default, sessionId);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        foreach (var pending in _pending.Values) pending.TrySetException(new InvalidOperationException("the DevTools connection closed"));
    }

    /// <summary>Opens a new tab of the given viewport size.</summary>
    public async Task<ChromiumPage> NewPageAsync(int width, int height)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true });
        var page = new ChromiumPage(this, attached.GetProperty("sessionId").GetString()!);
        await page.InitialiseAsync(width, height);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await SendAsync("Browser.close").WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or WebSocketException)
        {
        }
        await _stop.CancelAsync();
        try
        {
            await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
        _socket.Dispose();
        if (!_process.WaitForExit(5000)) Kill(_process);
        _process.Dispose();
        try
        {
            Directory.Delete(_userDataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
    }
}

/// <summary>One tab: navigate, evaluate, screenshot; console errors and uncaught exceptions are collected.</summary>
public sealed class ChromiumPage
{
    private readonly Chromium _browser;
    private readonly string _session;
    private readonly List<string> _errors = [];
    private TaskCompletionSource? _loaded;

    internal ChromiumPage(Chromium browser, string session)
    {
        _browser = browser;
        _session = session;
        browser.Event += OnEvent;
    }

    /// <summary>Console errors, uncaught exceptions and browser log errors (such as blocked requests) so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors) return _errors.ToList();
        }
    }

    internal async Task InitialiseAsync(int width, int height)
    {
        await Send("Page.enable");
        await Send("Runtime.enable");
        await Send("Log.enable");
        await Send("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
        });
    }

    private Task<JsonElement> Send(string method, JsonObject? parameters = null) => _browser.SendAsync(method, parameters, _session);

    private void OnEvent(string method, JsonElement parameters, string? session)
    {
        if (session != _session) return;
        switch (method)
        {
            case "Page.loadEventFired":
                _loaded?.TrySetResult();
                break;
            case "Runtime.consoleAPICalled" when parameters.GetProperty("type").GetString() is "error" or "assert":
                Add($"console.{parameters.GetProperty("type").GetString()}: {string.Join(" ", parameters.GetProperty("args").EnumerateArray().Select(Describe))}");
                break;
            case "Runtime.exceptionThrown":
                Add($"uncaught: {parameters.GetProperty("exceptionDetails")}");
                break;
            case "Log.entryAdded" when parameters.GetProperty("entry").GetProperty("level").GetString() == "error":
                Add($"log: {parameters.GetProperty("entry").GetProperty("text").GetString()}");
                break;
        }
    }

    private static string Describe(JsonElement arg) =>
        arg.TryGetProperty("value", out var v) ? v.ToString() : arg.TryGetProperty("description", out var d) ? d.GetString() ?? "" : arg.ToString();

    private void Add(string error)
    {
        lock (_errors) _errors.Add(error);
    }

    /// <summary>Navigates and waits for the load event; returns how long loading took.</summary>
    public async Task<TimeSpan> GoToAsync(string url)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var navigation = await Send("Page.navigate", new JsonObject { ["url"] = url });
        if (navigation.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
            throw new InvalidOperationException($"navigation to {url} failed: {text}");
        await _loaded.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return clock.Elapsed;
    }

    /// <summary>Evaluates an expression (awaiting promises) and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var reply = await Send("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true,
        });
        if (reply.TryGetProperty("exceptionDetails", out var details))
            throw new InvalidOperationException($"evaluation failed: {details}");
        return reply.GetProperty("result").GetProperty("value").Clone();
    }

    /// <summary>The page printed to PDF with its own print styles (<c>@media print</c>, <c>@page</c>).</summary>
    public async Task<byte[]> PrintToPdfAsync()
    {
        var pdf = await Send("Page.printToPDF", new JsonObject { ["printBackground"] = true, ["preferCSSPageSize"] = true });
        return Convert.FromBase64String(pdf.GetProperty("data").GetString()!);
    }

    /// <summary>A PNG of the page: the top <paramref name="height"/> CSS pixels, or the whole page when null.</summary>
    public async Task<byte[]> ScreenshotAsync(double? height = null)
    {
        var metrics = await Send("Page.getLayoutMetrics");
        var size = metrics.GetProperty("cssContentSize");
        var width = size.GetProperty("width").GetDouble();
        var fullHeight = size.GetProperty("height").GetDouble();
        var shot = await Send("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject
            {
                ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = Math.Min(fullHeight, height ?? fullHeight), ["scale"] = 1,
            },
        });
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }
}

/// <summary>A fact that is skipped, saying why, when Chromium is not installed (<c>.ci/run</c> installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute([CallerMemberName] string test = "", [CallerFilePath] string file = "")
    {
        if (Chromium.ExecutablePath is null)
        {
            Skip = $"{Chromium.DefaultPath} not found: install Debian's chromium (apt-get install chromium) to run browser tests";
            DisplayName = SkippedTests.Name(file, test, Skip);
        }
    }
}
