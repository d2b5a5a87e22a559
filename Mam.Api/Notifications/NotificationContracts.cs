namespace Mam.Api.Notifications;

/// <param name="ClipUrl">The clip page, at the comment's time where there is one (<c>?t=</c> seconds).</param>
public sealed record NotificationView(long Id, string Kind, string Project, Guid? AssetId, string Actor, string Text, DateTime At, string? ClipUrl, bool ForYou, bool Read);

/// <param name="Unread">How many of the person's notifications are unread (counted up to <see cref="NotificationInbox.UnreadCap"/>).</param>
public sealed record NotificationList(int Unread, IReadOnlyList<NotificationView> Items);

/// <param name="Through">Marks every notification up to this event id read.</param>
/// <param name="Ids">Marks these notifications read.</param>
public sealed record MarkReadRequest(long? Through, IReadOnlyList<long>? Ids);

public sealed record UnreadView(int Unread);

/// <param name="Why">"member" (members follow their projects), "chosen" or "not following".</param>
public sealed record FollowView(string Project, bool Following, string Why);
