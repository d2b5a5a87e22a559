using System.Text.Encodings.Web;
using Mam.Api.Audit;
using Mam.Api.Security;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Antiforgery;

namespace Mam.Api.Jobs;

/// <summary>How a browser gains the admin right on /jobs: a form that posts the API key once. The key
/// travels in a POST body — never in a URL, which would leave it in server logs, browser history and
/// Referer headers — and the browser keeps only <see cref="AdminRight"/>'s signed cookie.</summary>
internal static class JobsSignInEndpoints
{
    private const string SignInPath = JobsDashboardEndpoints.Path + "/login";

    public static void MapJobsSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(JobsDashboardEndpoints.Path).ExcludeFromDescription();
        group.MapGet("/login", (HttpContext context, IAntiforgery antiforgery) => Page(context, antiforgery, null, StatusCodes.Status200OK));
        group.MapPost("/login", SignInAsync).Audited(AuditActions.SignIn, "jobs dashboard (API key)");
        group.MapPost("/logout", (HttpContext context, AdminRight admin) =>
        {
            admin.SignOut(context, JobsDashboardEndpoints.Path);
            return Results.Redirect(JobsDashboardEndpoints.Path, preserveMethod: false);
        });
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, ApiKeyStore keys, AdminRight admin, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return Page(context, antiforgery, "Send the form on this page.", StatusCodes.Status400BadRequest);
        }
        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Page(context, antiforgery, "The form had expired; please enter the key again.", StatusCodes.Status400BadRequest);
        }
        if (!keys.Matches(form["key"].ToString().Trim()))
        {
            context.Audit()?.Action = AuditActions.SignInFailed;
            return Page(context, antiforgery, "That is not this server's API key.", StatusCodes.Status401Unauthorized);
        }
        admin.SignIn(context, JobsDashboardEndpoints.Path);
        return Results.Redirect(JobsDashboardEndpoints.Path, preserveMethod: false);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? message, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        var error = message is null ? "" : $"<p role=\"alert\"><strong>{html.Encode(message)}</strong></p>";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content($$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in – MAM jobs</title><link rel="stylesheet" href="/web/mam.css"></head>
            <body><main>
            <h1>MAM jobs</h1>
            <p>Anyone can look at the <a href="{{JobsDashboardEndpoints.Path}}">jobs dashboard</a>; to retry, trigger or delete jobs, enter the server's API key
            (kept in the file <code>api-key</code> in its data folder unless <code>Security:ApiKey</code> sets it).</p>
            {{error}}
            <form method="post" action="{{SignInPath}}">
            <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? "")}}">
            <label>API key <input type="password" name="key" autocomplete="current-password" required autofocus></label>
            <button type="submit">Sign in</button>
            </form>
            </main></body></html>
            """, "text/html; charset=utf-8", statusCode: status);
    }
}
