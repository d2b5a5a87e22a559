using Mam.Api.Problems;
using Mam.Catalog.Entities.Review;

namespace Mam.Api.Review.Shares;

/// <summary>For a guest's request about one clip (<c>{assetId}</c>): the clip must be one the link
/// shares (else it answers as missing: another asset is not reachable through a link, whatever the
/// link allows), and the link must give <c>right</c>.</summary>
public sealed class GuestAccessFilter(ShareRights right) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (Guest.Of(http) is not { } guest)
        {
            return ApiProblems.Make("guest-session-required", "Open the share link first.", "This needs the guest session that opening the share link gives.", StatusCodes.Status401Unauthorized);
        }
        if (http.Request.RouteValues.TryGetValue("assetId", out var value) && Guid.TryParse(value?.ToString(), out var assetId) && !guest.Shares(assetId))
        {
            return ApiProblems.NotFound($"This link does not share a clip {assetId}.");
        }
        if (!guest.May(right))
        {
            return ApiProblems.Make("share-right-missing", "This link does not allow that.",
                $"The link {guest.Link.CreatedBy} sent you does not let you {Words(right)}. Ask them for a link that does.", StatusCodes.Status403Forbidden);
        }
        return await next(context).ConfigureAwait(false);
    }

    private static string Words(ShareRights right) => right switch
    {
        ShareRights.Comment => "comment",
        ShareRights.Approve => "approve or reject",
        ShareRights.DownloadProxy => "download the proxy",
        ShareRights.DownloadOriginal => "download the original",
        _ => "watch",
    };
}

public static class GuestAccessExtensions
{
    /// <summary>The guest policy (a session of this link, checked against the catalog) and the check of the clip and the right.</summary>
    public static TBuilder RequireGuest<TBuilder>(this TBuilder builder, ShareRights right) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.RequireAuthorization(ShareRegistration.GuestPolicy);
        var filter = new GuestAccessFilter(right);
        return builder.AddEndpointFilter(filter);
    }
}
