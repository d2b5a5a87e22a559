using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Mam.Api.Security.SignIn;

/// <summary>The sign-in form. Plain HTML posted to itself: no script, so the strictest CSP holds.</summary>
internal static class SignInPage
{
    private const string Csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IResult Render(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? message, int status, IEnumerable<(string Scheme, string DisplayName)> singleSignOn)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        var error = message is null ? "" : $"<p role=\"alert\"><strong>{html.Encode(message)}</strong></p>";
        var back = html.Encode(SafeReturnUrl(returnUrl));
        var sso = string.Concat(singleSignOn.Select(s =>
            $"<p><a class=\"button\" href=\"/login/external/{html.Encode(s.Scheme)}?returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}\">Sign in with {html.Encode(s.DisplayName)}</a></p>"));
        return Page(context, "Sign in", $$"""
            <h1>Sign in</h1>
            {{error}}
            {{sso}}
            <form method="post" action="/login">
            <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? "")}}">
            <input type="hidden" name="returnUrl" value="{{back}}">
            <p><label>Name <input name="name" autocomplete="username" required autofocus></label></p>
            <p><label>Password <input type="password" name="password" autocomplete="current-password" required></label></p>
            <button type="submit">Sign in</button>
            </form>
            """, status);
    }

    public static IResult Page(HttpContext context, string title, string body, int status)
    {
        context.Response.Headers.ContentSecurityPolicy = Csp;
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content($$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{HtmlEncoder.Default.Encode(title)}} – MAM</title><link rel="stylesheet" href="/web/mam.css"></head>
            <body><main>
            {{body}}
            </main></body></html>
            """, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>Only a path on this server: never an open redirect to another site.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
