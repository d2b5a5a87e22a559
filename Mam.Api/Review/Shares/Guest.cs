using Mam.Catalog.Entities.Review;

namespace Mam.Api.Review.Shares;

/// <summary>A guest on a share link for this request: their session and the link as the catalog has it now.</summary>
public sealed record Guest(ShareSession Session, ShareLink Link)
{
    private static readonly object ItemKey = new();

    /// <summary>How records name a guest: the name they gave, marked as a guest.</summary>
    public string Author => $"{Session.GuestName} (guest)";

    public bool May(ShareRights right) => Link.Rights.HasFlag(right);

    public bool Shares(Guid assetId) => Link.Assets.Contains(assetId);

    public static Guest? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var guest) ? (Guest?)guest : null;

    internal void Attach(HttpContext http) => http.Items[ItemKey] = this;
}
