using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Mam.Tests.Web.Browser;

/// <summary>A fresh page per test in the shared browser. The page must never throw an uncaught error
/// or trip the Content-Security-Policy: both would be silent for a user but break features.</summary>
[Category("Browser")]
public abstract class BrowserTest
{
    private readonly List<string> _problems = [];

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected static Guid AssetId => EditorPagesSession.AssetId;

    [SetUp]
    public async Task OpenPage()
    {
        _problems.Clear();
        Context = await EditorPagesSession.NewContextAsync();
        Page = await Context.NewPageAsync();
        Page.SetDefaultTimeout(20_000);
        Page.PageError += (_, error) => _problems.Add("uncaught: " + error);
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _problems.Add("CSP: " + message.Text);
            }
        };
    }

    [TearDown]
    public async Task ClosePage()
    {
        await Context.DisposeAsync();
        _problems.ShouldBeEmpty();
    }

    /// <summary>Waits until the script expression is truthy in the page (fails the test after the timeout).</summary>
    protected async Task WaitForAsync(string expression, object? argument = null) =>
        await Page.WaitForFunctionAsync(expression, argument, new PageWaitForFunctionOptions { Timeout = 20_000 });

    protected async Task<T> EvalAsync<T>(string expression, object? argument = null) => await Page.EvaluateAsync<T>(expression, argument);

    /// <summary>What the search API answers, to compare the page with.</summary>
    protected static async Task<JsonElement> FirstSearchHitAsync(string query)
    {
        var result = await EditorPagesSession.Api.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString(query));
        return result.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("start").ValueKind == JsonValueKind.Number);
    }

    /// <summary>When the recogniser heard <paramref name="word"/> in the session's clip (its transcript).</summary>
    protected static async Task<double> WordStartAsync(string word)
    {
        var transcript = await EditorPagesSession.Api.GetFromJsonAsync<JsonElement>($"/api/assets/{AssetId}/transcript");
        return transcript.GetProperty("segments").EnumerateArray().SelectMany(s => s.GetProperty("words").EnumerateArray())
            .First(w => w.GetProperty("word").GetString() == word).GetProperty("start").GetDouble();
    }

    /// <summary>Waits until the clip page's video has its first frames and returns its currentTime.</summary>
    protected async Task<double> WaitForPlayerAsync()
    {
        await WaitForAsync("() => document.getElementById('player').readyState >= 2 && !document.getElementById('player').seeking");
        return await EvalAsync<double>("() => document.getElementById('player').currentTime");
    }

    protected async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(EditorPagesSession.WorkFolder, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        // Kept with the test results (the trx logger copies attachments), for a human to look at.
        TestContext.AddTestAttachment(path, name);
        return path;
    }
}
