using System.Net;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace Mam.Api.Web;

/// <summary>
/// Answers without a body (no route, no clip) get one that suits the asker: a browser (one that asks
/// for text/html) gets a small HTML page that says what is missing and leads back to search; an API
/// client gets RFC 7807 problem details as before. Browsers send <c>*/*</c> too, so a problem writer
/// alone would hand them JSON.
/// </summary>
public static class NotFoundPage
{
    private static readonly MediaTypeHeaderValue Html = new("text/html");

    /// <summary>The status code pages' handler: HTML for a browser's 404, problem details otherwise.</summary>
    public static async Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (http.Response.StatusCode == StatusCodes.Status404NotFound && IsBrowser(http.Request))
        {
            await WriteHtmlAsync(http, http.Items[MessageKey] as string ?? "There is nothing at this address.").ConfigureAwait(false);
            return;
        }

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = http.Response.StatusCode } }).ConfigureAwait(false))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"Status code {http.Response.StatusCode}.", http.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>A 404 whose page (for a browser) or problem (for an API client) says what is missing.</summary>
    public static IResult NotFound(HttpContext http, string message)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (IsBrowser(http.Request))
        {
            http.Items[MessageKey] = message;
            return Results.NotFound();
        }

        return Problems.ApiProblems.NotFound(message);
    }

    /// <summary>Asks for HTML by name (not only through */*), with GET or HEAD: a browser opening a page.</summary>
    public static bool IsBrowser(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        return request.GetTypedHeaders().Accept.Any(a => a.Quality is not 0 && a.MediaType.Equals(Html.MediaType, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly object MessageKey = new();

    private static async Task WriteHtmlAsync(HttpContext http, string message)
    {
        var text = WebUtility.HtmlEncode(message);
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Not found · MAM</title>
              <link rel="icon" href="/web/icon.svg" type="image/svg+xml">
              <link rel="stylesheet" href="/web/mam.css">
            </head>
            <body class="not-found-page">
              <header class="masthead">
                <a class="brand" href="/" aria-label="MAM search home">MAM</a>
              </header>
              <main class="not-found">
                <h1>Not found</h1>
                <p id="message" class="message" role="alert">{text}</p>
                <p><a href="/">Search the clips</a></p>
              </main>
            </body>
            </html>
            """;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = WebPageEndpoints.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html, Encoding.UTF8, http.RequestAborted).ConfigureAwait(false);
    }
}
