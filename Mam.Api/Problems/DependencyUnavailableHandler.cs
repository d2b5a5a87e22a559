using Mam.Workers.Pipeline;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Mam.Api.Problems;

/// <summary>A catalog that is restarting is a temporary condition, not a server bug: answer 503
/// with Retry-After so clients (the agent, the web pages) wait and try again.</summary>
public sealed class DependencyUnavailableHandler(IProblemDetailsService problems, ILogger<DependencyUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!TransientFailures.IsTransient(exception))
        {
            return false;
        }

        logger.LogWarning(exception, "The catalog is unavailable");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Type = "urn:mam:problem:catalog-unavailable",
                Title = "The catalog is temporarily unavailable.",
                Detail = "The catalog database cannot be reached right now; nothing was changed. Try again in a few seconds.",
                Status = StatusCodes.Status503ServiceUnavailable,
            },
        }).ConfigureAwait(false);
    }
}
