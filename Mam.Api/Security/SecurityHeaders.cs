using Microsoft.Net.Http.Headers;

namespace Mam.Api.Security;

/// <summary>Headers every answer carries, API, media and error alike, unless the endpoint set its own (the web
/// pages keep their Content-Security-Policy and Referrer-Policy): browsers must not guess a content type
/// (a transcript or a filename rendered as HTML), leak a URL — a signed media URL, a search — to another
/// site, or show any of it inside another site's frame.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
                headers.TryAdd("Referrer-Policy", "no-referrer");
                headers.TryAdd(HeaderNames.XFrameOptions, "DENY");
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
