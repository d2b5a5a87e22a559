using Mam.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Mam.Api.Problems;

/// <summary>Bad input the endpoints did not catch themselves becomes a 4xx problem in the client's words:
/// a body or parameter minimal API could not bind (RouteHandlerOptions.ThrowOnBadRequest sends it here),
/// or a name a store refused. Never a 500, never a .NET type name.</summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, kind, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, KindOf(bad.StatusCode), TitleOf(bad.StatusCode), RequestWording.Binding(bad)),
            InvalidObjectKeyException key => (StatusCodes.Status400BadRequest, "invalid-request", "The request is not valid.", key.Message),
            _ => (0, "", "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Type = "urn:mam:problem:" + kind, Title = title, Detail = detail, Status = status },
        }).ConfigureAwait(false);
    }

    private static string KindOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        _ => "invalid-request",
    };

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The body is not JSON.",
        _ => "The request is not valid.",
    };
}
