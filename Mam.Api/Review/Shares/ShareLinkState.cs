using Mam.Api.Problems;
using Mam.Catalog.Entities.Review;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mam.Api.Review.Shares;

/// <summary>Whether a link still opens, and the sentence a guest reads when it does not.</summary>
public static class ShareLinkState
{
    public static string Of(ShareLink link, DateTime now) => link.RevokedAt is not null ? "revoked" : link.ExpiresAt <= now ? "expired" : "active";

    /// <returns>Null while the link opens; else a 410 problem saying why not.</returns>
    public static ProblemHttpResult? Closed(ShareLink link, DateTime now) => Of(link, now) switch
    {
        "revoked" => ApiProblems.Make("share-revoked", "This link was withdrawn.",
            $"{link.CreatedBy} (or another of the project's people) withdrew this link on {link.RevokedAt:yyyy-MM-dd HH:mm} UTC. Ask them for a new one if you still need it.",
            StatusCodes.Status410Gone),
        "expired" => ApiProblems.Make("share-expired", "This link has expired.",
            $"This link was good until {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Ask {link.CreatedBy}, who sent it, for a new one.", StatusCodes.Status410Gone),
        _ => null,
    };

    public static ProblemHttpResult Unknown() => ApiProblems.NotFound("There is no such share link. Check that the whole link was copied, or ask whoever sent it for a new one.");
}
