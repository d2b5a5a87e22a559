using Mam.Api.Security.Access;
using Microsoft.Net.Http.Headers;

namespace Mam.Api.Web;

/// <summary>The editors' pages: search at / (and /search?q=…) and a clip page at /clips/{assetId}?t=seconds.
/// They are static files that read the API from the browser with the session cookie, so they show
/// exactly what the signed-in person may read.</summary>
public static class WebPageEndpoints
{
    /// <summary>Scripts, styles, media and API calls come from this origin only; no inline script or
    /// style is needed because the pages set styles through the CSSOM, which CSP does not restrict.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapWebPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").WithTags("Web pages").ExcludeFromDescription();
        pages.MapGet("/", (HttpContext http) => Serve(http, "search.html")).RequireAuthorization(Policies.SignedIn);
        pages.MapGet("/search", (HttpContext http) => Serve(http, "search.html")).RequireAuthorization(Policies.SignedIn);
        // The page itself holds no footage; what it shows comes from API calls that check the clip's project.
        // A clip that does not exist, or that the caller may not read, is a 404 (the same for both, so
        // ids cannot be probed): an HTML page for a browser, problem details for a script.
        pages.MapGet("/clips/{assetId:guid}", ClipAsync).RequireAuthorization(Policies.SignedIn);
        // Two versions side by side: the clip in the path is checked here, the other (?with=) by the API calls.
        pages.MapGet("/clips/{assetId:guid}/compare", (Guid assetId, HttpContext http, Callers callers, ProjectGuard guard, CancellationToken cancellationToken) =>
            ServeIfReadableAsync(assetId, http, callers, guard, "compare.html", cancellationToken)).RequireAuthorization(Policies.SignedIn);
        // Review across projects: what it shows comes from /api/dashboard, which reads only the caller's projects.
        pages.MapGet("/dashboard", (HttpContext http) => Serve(http, "dashboard.html")).RequireAuthorization(Policies.SignedIn);
        // The archivist's 3-2-1 page: its figures come from GET /api/projects/{project}/copies, which checks the project.
        pages.MapGet("/projects/{project}/copies", (HttpContext http) => Serve(http, "copies.html")).RequireAuthorization(Policies.SignedIn);
        // The archivists' pages: what they show comes from /api/restores, which needs the restore right.
        pages.MapGet("/restores", (HttpContext http) => Serve(http, "restores.html")).RequireAuthorization(Policies.SignedIn);
        pages.MapGet("/restores/{id:guid}", (HttpContext http) => Serve(http, "restores.html")).RequireAuthorization(Policies.SignedIn);
        // Scripts, styles and icons hold no footage: the sign-in page needs them before anyone is signed in.
        pages.MapGet("/web/{file}", (HttpContext http, string file) =>
            WebAssets.TryGet(file, out _) ? Serve(http, file) : Results.NotFound()).AllowAnonymous();
        return app;
    }

    private static Task<IResult> ClipAsync(Guid assetId, HttpContext http, Callers callers, ProjectGuard guard, CancellationToken cancellationToken) =>
        ServeIfReadableAsync(assetId, http, callers, guard, "clip.html", cancellationToken);

    private static async Task<IResult> ServeIfReadableAsync(Guid assetId, HttpContext http, Callers callers, ProjectGuard guard, string page, CancellationToken cancellationToken)
    {
        var caller = await callers.OfAsync(http, cancellationToken).ConfigureAwait(false);
        var project = await guard.ProjectOfAssetAsync(assetId, cancellationToken).ConfigureAwait(false);
        return project is { } id && caller is not null && caller.Can(id, Right.Read)
            ? Serve(http, page)
            : NotFoundPage.NotFound(http, $"There is no clip {assetId}, or it is in a project you may not see.");
    }

    internal static IResult Serve(HttpContext http, string name)
    {
        var asset = WebAssets.Get(name);
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        // no-cache = revalidate every time: a new deployment shows at once, an unchanged file costs a 304.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || string.Equals(tag.Tag.Value, asset.ETag, StringComparison.Ordinal)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
