using Mam.Api.Problems;
using Mam.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.Access;

/// <summary>For routes about one clip (`{id}` or `{assetId}` in the route): the caller needs the
/// right on the clip's project. Outside it the clip answers as if it did not exist (404), so ids
/// cannot be probed for what other productions hold. A signed media link is good only for the one
/// path it names.</summary>
public sealed class AssetAccessFilter(Right right, Callers callers, ProjectGuard guard) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var routeValue = http.Request.RouteValues.TryGetValue("id", out var id) ? id : http.Request.RouteValues["assetId"];
        if (!Guid.TryParse(routeValue?.ToString(), out var assetId))
        {
            return await next(context).ConfigureAwait(false);
        }
        var linkPath = http.User.FindFirst(AccessClaims.LinkPath)?.Value;
        if (linkPath is not null && !string.Equals(linkPath, http.Request.Path.Value, StringComparison.Ordinal))
        {
            return ApiProblems.Make("link-not-for-this", "This link is for another file.",
                "A signed media link opens only the file it was made for. Ask for a new link for this one.", StatusCodes.Status403Forbidden);
        }
        var caller = await callers.OfAsync(http, http.RequestAborted).ConfigureAwait(false);
        var projectId = await guard.ProjectOfAssetAsync(assetId, http.RequestAborted).ConfigureAwait(false);
        if (projectId is not { } project || caller is null || !caller.Can(project, right))
        {
            return ApiProblems.NotFound($"There is no asset {assetId}.");
        }
        return await next(context).ConfigureAwait(false);
    }
}

public static class AssetAccessExtensions
{
    /// <summary>The endpoint's policy for <paramref name="right"/>, and the check on the clip's project.</summary>
    public static TBuilder RequireAssetRight<TBuilder>(this TBuilder builder, Right right) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.RequireAuthorization(Policies.Of(right));
        return builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = ActivatorUtilities.CreateInstance<AssetAccessFilter>(factory.ApplicationServices, right);
            return invocation => filter.InvokeAsync(invocation, next);
        });
    }
}
