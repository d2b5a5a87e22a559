using System.Net;
using System.Text.RegularExpressions;
using Mam.Tests.Support;

namespace Mam.Tests.Web;

/// <summary>How Mam.Api serves the editors' pages: public like the GET API, under a strict
/// Content-Security-Policy, and self-contained (no CDN, no web fonts, no inline script).</summary>
[TestFixture]
public sealed partial class WebPageServingTests
{
    private static readonly string[] Pages = ["/", "/search?q=harbour", $"/clips/{Guid.Empty}?t=12.5", "/restores", $"/restores/{Guid.Empty}"];
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        _api = new MamApiFactory();
        _client = _api.CreateReader();
    }

    [OneTimeTearDown]
    public void StopApi()
    {
        _client.Dispose();
        _api.Dispose();
    }

    [TestCase("/", "search.js")]
    [TestCase("/search?q=%22green%20bag%22&project=Feature", "search.js")]
    [TestCase("/clips/4d3c2b1a-0000-4000-8000-000000000001?t=4.2", "clip.js")]
    [TestCase("/restores", "restores.js")]
    [TestCase("/restores/4d3c2b1a-0000-4000-8000-000000000001", "restores.js")]
    public async Task Page_ForSomeoneSignedIn_IsServedAsHtmlWithAStrictContentSecurityPolicy(string url, string script)
    {
        var response = await _client.GetAsync(url);

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
        var queue = new Queue<string>(["/", $"/clips/{Guid.Empty}"]);
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
            "/web/clip-details.js", "/web/tags-timeline.js", "/web/timecode.js", "/web/transcript-view.js", "/web/transport.js", "/web/waveform.js", "/web/watch-time.js"], ignoreOrder: true);
    }

    [TestCaseSource(nameof(Pages))]
    public async Task Page_HasNoInlineScriptStyleOrEventHandlerThePolicyWouldBlock(string url)
    {
        var html = await _client.GetStringAsync(url);

        InlineScript().IsMatch(html).ShouldBeFalse("every <script> has a src");
        html.ShouldNotContain("<style", Case.Insensitive);
        InlineAttribute().IsMatch(html).ShouldBeFalse("no style= or on…= attributes");
    }

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
