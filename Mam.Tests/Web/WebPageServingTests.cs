using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mam.Tests.Support;

namespace Mam.Tests.Web;

/// <summary>How Mam.Api serves the editors' pages: public like the GET API, under a strict
/// Content-Security-Policy, and self-contained (no CDN, no web fonts, no inline script).</summary>
[TestFixture]
public sealed partial class WebPageServingTests
{
    /// <summary>{clip} stands for a catalogued clip's id (only a clip that exists gets the clip page).</summary>
    private static readonly string[] Pages = ["/", "/search?q=harbour", "/clips/{clip}?t=12.5", "/restores", $"/restores/{Guid.Empty}", "/clips/{clip}/compare?with={clip}", "/dashboard"];
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;
    private Guid _clip;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        _api = new MamApiFactory();
        _client = _api.CreateReader();
        _clip = await Search.Api.CataloguedClips.AddAsync(_api.Services, new Search.Api.CataloguedClips.Clip("Harbour Film", "A001R1AB", "A001C001", "A", null, [], []));
    }

    [OneTimeTearDown]
    public void StopApi()
    {
        _client.Dispose();
        _api.Dispose();
    }

    [TestCase("/", "search.js")]
    [TestCase("/search?q=%22green%20bag%22&project=Feature", "search.js")]
    [TestCase("/clips/{clip}?t=4.2", "clip.js")]
    [TestCase("/restores", "restores.js")]
    [TestCase("/restores/4d3c2b1a-0000-4000-8000-000000000001", "restores.js")]
    [TestCase("/clips/{clip}/compare?with={clip}", "compare.js")]
    [TestCase("/dashboard", "dashboard.js")]
    public async Task Page_ForSomeoneSignedIn_IsServedAsHtmlWithAStrictContentSecurityPolicy(string url, string script)
    {
        var response = await _client.GetAsync(Resolve(url));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"<script type=\"module\" src=\"/web/{script}\"></script>");
    }

    [TestCase("/")]
    [TestCase("/clips/4d3c2b1a-0000-4000-8000-000000000001?t=4.2")]
    public async Task Page_ForABrowserNotSignedIn_SendsItToTheSignInFormAndBackAfterwards(string url)
    {
        using var browser = _api.CreateAnonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");

        var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.ToString();
        location.ShouldContain("/login?ReturnUrl=");
        Uri.UnescapeDataString(location[(location.IndexOf('=', StringComparison.Ordinal) + 1)..]).ShouldBe(url);
        (await browser.GetAsync("/web/mam.css")).StatusCode.ShouldBe(HttpStatusCode.OK, "the sign-in form needs its style before anyone signs in");
    }

    [Test]
    public async Task ClipPage_ForSomethingThatIsNotAnAssetId_Is404()
    {
        (await _client.GetAsync("/clips/not-a-guid")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.GetAsync("/web/nothing.js")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.GetAsync("/web/..%2FMam.Api.dll")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Assets_AreRevalidatedWithAnETagSoAnUnchangedFileCostsA304()
    {
        var first = await _client.GetAsync("/web/clip.js");
        first.Content.Headers.ContentType!.ToString().ShouldBe("text/javascript; charset=utf-8");
        first.Headers.CacheControl!.NoCache.ShouldBeTrue();
        var etag = first.Headers.ETag.ShouldNotBeNull();

        using var again = new HttpRequestMessage(HttpMethod.Get, "/web/clip.js") { Headers = { IfNoneMatch = { etag } } };
        var second = await _client.SendAsync(again);

        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await second.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Test]
    public async Task EveryFileAPageLoads_IsServedFromThisServerAndNothingComesFromAnotherSite()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/", $"/clips/{_clip}", $"/clips/{_clip}/compare", "/dashboard"]);
        while (queue.TryDequeue(out var url))
        {
            var response = await _client.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var text = await response.Content.ReadAsStringAsync();
            AbsoluteUrl().IsMatch(text).ShouldBeFalse($"{url} refers to another site");
            text.ShouldNotContain("@import");
            text.ShouldNotContain("@font-face");
            foreach (Match reference in LocalReference().Matches(text))
            {
                var file = "/web/" + reference.Groups["file"].Value;
                if (seen.Add(file))
                {
                    queue.Enqueue(file);
                }
            }
        }
        seen.ShouldBe(["/web/search.js", "/web/clip.js", "/web/mam.css", "/web/icon.svg", "/web/common.js", "/web/search-results.js",
            "/web/clip-details.js", "/web/tags-timeline.js", "/web/timecode.js", "/web/transcript-view.js", "/web/transport.js", "/web/waveform.js", "/web/watch-time.js", "/web/review.js",
            "/web/approvals.js", "/web/review.css", "/web/compare.js", "/web/dashboard.js", "/web/tray.js"], ignoreOrder: true);
    }

    [TestCaseSource(nameof(Pages))]
    public async Task Page_HasNoInlineScriptStyleOrEventHandlerThePolicyWouldBlock(string url)
    {
        var html = await _client.GetStringAsync(Resolve(url));

        InlineScript().IsMatch(html).ShouldBeFalse("every <script> has a src");
        html.ShouldNotContain("<style", Case.Insensitive);
        InlineAttribute().IsMatch(html).ShouldBeFalse("no style= or on…= attributes");
    }

    [TestCase("/clips/not-a-guid")]
    [TestCase("/clips/4d3c2b1a-0000-4000-8000-000000000001")]
    [TestCase("/no-such-page")]
    public async Task NotFound_ForABrowser_IsAnHtmlPage_AndForAnApiClient_ProblemDetails(string url)
    {
        using var page = new HttpRequestMessage(HttpMethod.Get, url);
        // What chromium and firefox send when opening an address.
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var api = new HttpRequestMessage(HttpMethod.Get, url);
        api.Headers.Accept.ParseAdd("application/json");

        var forBrowser = await _client.SendAsync(page);
        var forScript = await _client.SendAsync(api);
        var forCurl = await _client.GetAsync(url);

        forBrowser.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        forBrowser.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        forBrowser.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        var html = await forBrowser.Content.ReadAsStringAsync();
        html.ShouldContain("<h1>Not found</h1>");
        html.ShouldContain("<a href=\"/\">");
        if (url.StartsWith("/clips/4d3c", StringComparison.Ordinal))
        {
            html.ShouldContain("There is no clip 4d3c2b1a-0000-4000-8000-000000000001");
        }
        InlineScript().IsMatch(html).ShouldBeFalse();
        foreach (var response in new[] { forScript, forCurl })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32().ShouldBe(404);
        }
    }

    [Test]
    public async Task ClipPage_OfAClipInAnotherProject_IsTheSame404AsAClipThatDoesNotExist()
    {
        using var outsider = _api.WithToken(await _api.PersonTokenAsync("outsider", ("Beta Film", Mam.Catalog.Entities.People.ProjectRole.Editor)));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/clips/{_clip}");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await outsider.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"There is no clip {_clip}, or it is in a project you may not see.");
    }

    private string Resolve(string url) => url.Replace("{clip}", _clip.ToString(), StringComparison.Ordinal);

    // http(s)://… or protocol-relative //host; an XML namespace name (xmlns="http://…") is never fetched.
    [GeneratedRegex(@"(?<!xmlns=""(?:https?:)?)(?:https?:)?//[a-z0-9-]+\.[a-z]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AbsoluteUrl();

    // src="/web/x.js", href="/web/x.css", and module imports from "./x.js".
    [GeneratedRegex("""(?:/web/|"\./)(?<file>[a-z0-9-]+\.(?:js|css|svg))""", RegexOptions.CultureInvariant)]
    private static partial Regex LocalReference();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]+\s(?:style|on[a-z]+)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineAttribute();
}
