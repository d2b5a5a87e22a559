using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Access;

/// <summary>Walks every route of the OpenAPI document with no credentials, with a person of another
/// project, and with each role on the project, and checks the answer against README's rights table.
/// A route that is not in <see cref="Needs"/> fails the walk: a new endpoint must say who may use it.</summary>
[TestFixture]
public sealed class RouteAccessTests
{
    private const string Alpha = "Alpha Film";
    private const string Beta = "Beta Film";

    /// <summary>What each route needs: a right on the route's project, Signed-in, or Administrator.</summary>
    private static readonly Dictionary<string, string> Needs = new(StringComparer.Ordinal)
    {
        ["POST /api/cards"] = "ingest",
        ["PUT /api/cards/{project}/{card}/files/{path}"] = "ingest",
        ["POST /api/cards/{project}/{card}/verifications"] = "ingest",
        ["GET /api/cards"] = "read",
        ["GET /api/cards/{id}"] = "read",
        ["POST /api/uploads"] = "ingest",
        ["GET /api/uploads/{id}"] = "ingest",
        ["PUT /api/uploads/{id}/parts/{number}"] = "ingest",
        ["POST /api/uploads/{id}/parts/{number}/target"] = "ingest",
        ["POST /api/uploads/{id}/complete"] = "ingest",
        ["GET /api/assets"] = "read",
        ["GET /api/assets/{id}"] = "read",
        ["POST /api/assets/{id}/stages/{stage}/retry"] = "operate",
        ["GET /api/assets/{id}/proxy"] = "read",
        ["GET /api/assets/{id}/poster"] = "read",
        ["GET /api/assets/{id}/filmstrip"] = "read",
        ["GET /api/assets/{id}/waveform"] = "read",
        ["GET /api/assets/{id}/links"] = "read",
        ["GET /api/assets/{id}/transcript"] = "read",
        ["GET /api/assets/{id}/transcript.vtt"] = "read",
        ["GET /api/assets/{id}/transcript.srt"] = "read",
        ["GET /api/assets/{id}/markers.csv"] = "read",
        ["GET /api/assets/{id}/markers.edl"] = "read",
        ["GET /api/assets/{id}/markers.txt"] = "read",
        ["GET /api/assets/{id}/tags"] = "read",
        ["GET /api/assets/{id}/comments"] = "read",
        ["POST /api/assets/{id}/comments"] = "review",
        ["PATCH /api/assets/{id}/comments/{commentId}"] = "review",
        ["POST /api/assets/{id}/comments/import"] = "review",
        ["GET /api/assets/{id}/comments.csv"] = "read",
        ["GET /api/assets/{id}/comments.edl"] = "read",
        ["GET /api/assets/{id}/comments.txt"] = "read",
        ["GET /api/assets/{id}/comments.fcpxml"] = "read",
        ["GET /api/assets/{id}/comments.otio"] = "read",
        ["GET /api/assets/{id}/versions"] = "read",
        ["POST /api/assets/{id}/versions"] = "review",
        ["GET /api/assets/{id}/approvals"] = "read",
        ["POST /api/assets/{id}/approvals"] = "review",
        ["POST /api/assets/{id}/lock"] = "manage",
        ["DELETE /api/assets/{id}/lock"] = "manage",
        ["GET /api/dashboard"] = "read",
        ["GET /api/approvals/{approvalId}/certificate"] = "read",
        ["GET /api/approvals/{approvalId}/check"] = "read",
        ["GET /api/approvals/{approvalId}/certificate.pdf"] = "read",
        ["GET /api/approvals/signing-key.pem"] = "signed-in",
        ["GET /api/projects/{project}/stages"] = "read",
        ["PUT /api/projects/{project}/stages"] = "manage",
        ["GET /api/assets/{id}/gate"] = "read",
        ["GET /api/projects/{project}/events"] = "read",
        ["POST /api/assets/{id}/approval-requests"] = "review",
        ["GET /api/notifications"] = "signed-in",
        ["POST /api/notifications/read"] = "signed-in",
        ["GET /api/follows"] = "signed-in",
        ["PUT /api/projects/{project}/follow"] = "read",
        ["DELETE /api/projects/{project}/follow"] = "read",
        ["POST /api/projects/{project}/webhooks"] = "manage",
        ["GET /api/projects/{project}/webhooks"] = "manage",
        ["DELETE /api/projects/{project}/webhooks/{webhookId}"] = "manage",
        ["GET /api/projects/{project}/webhooks/{webhookId}/deliveries"] = "manage",
        ["POST /api/projects/{project}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver"] = "manage",
        ["POST /api/assets/{id}/gate/advance"] = "review",
        ["POST /api/projects/{project}/shares"] = "manage",
        ["GET /api/projects/{project}/shares"] = "review",
        ["DELETE /api/projects/{project}/shares/{shareId}"] = "manage",
        ["GET /api/projects/{project}/shares/{shareId}/access"] = "review",
        ["GET /api/assets/{id}/share-access"] = "review",
        // A share link's guest only: no person, token or administrator gets in (GuestReviewTests, ShareLinkTests).
        ["GET /share/{token}/api/me"] = "guest",
        ["GET /share/{token}/api/clips"] = "guest",
        ["GET /share/{token}/api/clips/{assetId}/comments"] = "guest",
        ["POST /share/{token}/api/clips/{assetId}/comments"] = "guest",
        ["POST /share/{token}/api/clips/{assetId}/approvals"] = "guest",
        ["GET /share/{token}/api/clips/{assetId}/approvals"] = "guest",
        ["GET /share/{token}/api/approvals/{approvalId}/certificate"] = "guest",
        ["GET /share/{token}/api/approvals/{approvalId}/certificate.pdf"] = "guest",
        ["GET /share/{token}/api/approvals/signing-key.pem"] = "guest",
        ["GET /share/{token}/api/clips/{assetId}/proxy"] = "guest",
        ["GET /share/{token}/api/clips/{assetId}/proxy/download"] = "guest",
        ["GET /share/{token}/api/clips/{assetId}/original"] = "guest",
        ["POST /share/{token}/api/clips/{assetId}/watched"] = "guest",
        ["POST /api/assets/{id}/watched"] = "read",
        ["GET /api/pipeline/stages"] = "signed-in",
        ["POST /api/pipeline/reruns"] = "operate",
        ["POST /api/pipeline/rebuilds"] = "operate",
        ["GET /api/pipeline/operations"] = "read",
        ["GET /api/pipeline/operations/{id}"] = "read",
        ["GET /api/search"] = "read",
        ["POST /api/search/reindex"] = "administrator",
        ["GET /api/search/reindex/{id}"] = "administrator",
        ["GET /api/me"] = "signed-in",
        ["GET /api/tokens"] = "signed-in",
        ["POST /api/tokens"] = "signed-in",
        ["DELETE /api/tokens/{id}"] = "signed-in",
        ["GET /api/people"] = "administrator",
        ["POST /api/people"] = "administrator",
        ["DELETE /api/people/{userName}"] = "administrator",
        ["GET /api/projects"] = "read",
        ["POST /api/projects"] = "administrator",
        ["GET /api/projects/{project}/members"] = "manage",
        ["PUT /api/projects/{project}/members/{userName}"] = "manage",
        ["DELETE /api/projects/{project}/members/{userName}"] = "manage",
        ["GET /api/audit"] = "administrator",
        ["GET /api/audit.csv"] = "administrator",
        ["POST /api/fixity/audits"] = "operate",
        ["GET /api/fixity/audits"] = "read",
        ["GET /api/fixity/audits/{id}"] = "read",
        ["GET /api/projects/{project}/copies"] = "read",
        ["GET /api/projects/{project}/fixity-checks"] = "read",
        ["POST /api/restores"] = "restore",
        ["GET /api/restores"] = "restore",
        ["GET /api/restores/{id}"] = "restore",
        ["POST /api/restores/{id}/start"] = "restore",
        ["POST /api/restores/{id}/results"] = "restore",
        ["GET /api/restores/{id}/files/{fileId}"] = "restore",
    };

    /// <summary>Lists: a person of another project gets 200, without a trace of this project's clips.</summary>
    private static readonly HashSet<string> Lists = new(StringComparer.Ordinal)
    {
        "GET /api/assets", "GET /api/cards", "GET /api/search", "GET /api/projects", "GET /api/pipeline/operations", "GET /api/fixity/audits", "GET /api/restores",
        "GET /api/dashboard",
    };

    /// <summary>README's table, written out here so that a change to the code's table shows as a failure.</summary>
    private static readonly Dictionary<ProjectRole, string[]> Rights = new()
    {
        [ProjectRole.Viewer] = ["read"],
        [ProjectRole.Reviewer] = ["read", "review"],
        [ProjectRole.Editor] = ["read", "review", "operate"],
        [ProjectRole.Archivist] = ["read", "operate", "restore"],
        [ProjectRole.Ingest] = ["read", "ingest"],
        [ProjectRole.Administrator] = ["read", "ingest", "review", "operate", "restore", "manage"],
    };

    /// <summary>Bodies naming this project, so that it is the right that is checked, not the body.</summary>
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["POST /api/cards"] = $$"""{"project":"{{Alpha}}","card":"A009"}""",
        ["POST /api/uploads"] = $$"""{"project":"{{Alpha}}","card":"A009","path":"Clips/n.mov","size":1,"xxh64":"0123456789abcdef"}""",
        ["POST /api/pipeline/reruns"] = $$"""{"project":"{{Alpha}}","stages":["proxy"],"reason":"route walk"}""",
        ["POST /api/pipeline/rebuilds"] = $$"""{"project":"{{Alpha}}","reason":"route walk"}""",
        ["POST /api/fixity/audits"] = $$"""{"project":"{{Alpha}}","reason":"route walk"}""",
        ["POST /api/assets/{id}/watched"] = """{"view":"route-walk","seconds":1}""",
        ["POST /api/restores"] = $$"""{"project":"{{Alpha}}","card":"A001"}""",
    };

    private MamApiFactory _api = null!;
    private Guid _asset;
    private Guid _card;
    private readonly Dictionary<string, HttpClient> _callers = new(StringComparer.Ordinal);

    [OneTimeSetUp]
    public async Task TwoProjectsAndAPersonInEachRole()
    {
        _api = new MamApiFactory();
        _asset = await CataloguedClips.AddAndIndexAsync(_api.Services, new CataloguedClips.Clip(Alpha, "A001", "A001C001", "A", null, [(1, 2, "the harbour lights")], []));
        await CataloguedClips.AddAndIndexAsync(_api.Services, new CataloguedClips.Clip(Beta, "B001", "B001C001", "B", null, [(1, 2, "the harbour lights")], []));
        await using (var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync())
        {
            _card = await db.Assets.Where(a => a.Id == _asset).Select(a => a.CardId).SingleAsync();
        }
        _callers["nobody"] = _api.CreateAnonymous();
        _callers["server administrator"] = _api.CreateWriter();
        _callers["outsider"] = _api.WithToken(await _api.PersonTokenAsync("outsider", (Beta, ProjectRole.Administrator)));
        foreach (var role in Enum.GetValues<ProjectRole>())
        {
            _callers[role.ToString()] = _api.WithToken(await _api.PersonTokenAsync("alpha-" + role.ToString().ToLowerInvariant(), (Alpha, role)));
        }
    }

    [OneTimeTearDown]
    public void Stop()
    {
        foreach (var client in _callers.Values)
        {
            client.Dispose();
        }
        _api.Dispose();
    }

    [Test]
    public void TheRightsTable_IsTheOneReadmePrints()
    {
        foreach (var (role, rights) in Rights)
        {
            RoleRights.Of(role).Select(r => r.ToString().ToLowerInvariant()).OrderBy(r => r).ShouldBe(rights.OrderBy(r => r), role.ToString());
        }
    }

    [Test]
    public async Task EveryRouteInTheOpenApiDocument_HasARowInThePolicyTable_AndDeclaresTheSecuritySchemes()
    {
        var document = await _callers["server administrator"].GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var routes = Routes(document).ToList();
        routes.Where(r => !Needs.ContainsKey(r)).ShouldBeEmpty("a route without a row in this test's table: say who may use it (README's \"Security\" section too)");
        Needs.Keys.Where(k => !routes.Contains(k)).ShouldBeEmpty("rows for routes that no longer exist");
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("token").GetProperty("scheme").GetString().ShouldBe("bearer");
        schemes.GetProperty("session").GetProperty("in").GetString().ShouldBe("cookie");
        (await _callers["nobody"].GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public void EveryEndpoint_NamesAPolicy_OrIsOneOfTheFewOpenOnes()
    {
        var open = _api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "").Distinct().Order().ToList();
        open.ShouldBe(["/health/live", "/health/ready", "/login", "/login/external/{scheme}", "/login/external/callback", "/signin/link", "/web/{file}",
            "/share/{token}", "/share/{token}/api/door", "/share/{token}/api/session"], ignoreOrder: true);
        var unnamed = _api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => e.RoutePattern.RawText).ToList();
        unnamed.ShouldBeEmpty("these fall back to \"signed in\" only; name the right they need");
    }

    [Test]
    public async Task WalkingEveryRoute_AsEachCaller_AnswersAsTheTableSays()
    {
        var document = await _callers["server administrator"].GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var wrong = new List<string>();
        foreach (var route in Routes(document))
        {
            var need = Needs[route];
            foreach (var (caller, client) in _callers)
            {
                using var response = await client.SendAsync(Request(route));
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var expected = Expect(caller, need, route);
                var ok = expected switch
                {
                    "401" => status == 401,
                    "refused" => status is 403 or 404,
                    "list-without-alpha" => status == 200 && !body.Contains(_asset.ToString(), StringComparison.Ordinal) && !body.Contains(Alpha, StringComparison.Ordinal),
                    _ => status is not (401 or 403) && status < 500 && !body.Contains($"There is no asset {_asset}", StringComparison.Ordinal),
                };
                if (!ok)
                {
                    wrong.Add($"{route} as {caller}: expected {expected}, got {status} {body[..Math.Min(body.Length, 200)]}");
                }
            }
        }
        wrong.ShouldBeEmpty();
    }

    private static string Expect(string caller, string need, string route)
    {
        if (caller == "nobody" || need == "guest")
        {
            return "401";
        }
        if (caller == "server administrator")
        {
            return "allowed";
        }
        if (need == "signed-in")
        {
            return "allowed";
        }
        if (need == "administrator")
        {
            return "refused";
        }
        if (caller == "outsider")
        {
            return Lists.Contains(route) ? "list-without-alpha" : "refused";
        }
        return Rights[Enum.Parse<ProjectRole>(caller)].Contains(need) ? "allowed" : "refused";
    }

    private HttpRequestMessage Request(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var method = new HttpMethod(route[..space]);
        var path = route[(space + 1)..]
            .Replace("{id}", route.StartsWith("GET /api/cards", StringComparison.Ordinal) ? _card.ToString()
                : route.Contains("/api/assets/", StringComparison.Ordinal) ? _asset.ToString()
                : route.Contains("/reindex/", StringComparison.Ordinal) ? "1" : Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{project}", Uri.EscapeDataString(Alpha), StringComparison.Ordinal)
            .Replace("{card}", "A001", StringComparison.Ordinal)
            .Replace("{path}", "Clips/new.mov", StringComparison.Ordinal)
            .Replace("{number}", "1", StringComparison.Ordinal)
            .Replace("{fileId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{commentId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{approvalId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{webhookId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{deliveryId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{stage}", "proxy", StringComparison.Ordinal)
            .Replace("{token}", "s" + new string('A', 43), StringComparison.Ordinal)
            .Replace("{assetId}", _asset.ToString(), StringComparison.Ordinal)
            .Replace("{shareId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{userName}", "nobody-by-that-name", StringComparison.Ordinal);
        if (route is "GET /api/search")
        {
            path += "?q=harbour";
        }
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch)
        {
            request.Content = (path.Contains("/parts/", StringComparison.Ordinal) && !path.EndsWith("/target", StringComparison.Ordinal)) || path.Contains("/files/", StringComparison.Ordinal)
                ? new ByteArrayContent(Encoding.ASCII.GetBytes("x"))
                : new StringContent(Bodies.GetValueOrDefault(route, "{}"), Encoding.UTF8, "application/json");
        }
        return request;
    }

    private static IEnumerable<string> Routes(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"));
}
