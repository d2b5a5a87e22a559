namespace Mam.Api.Review.Shares;

/// <summary>Body of <c>POST /api/projects/{project}/shares</c>: one recipient, one or more clips.</summary>
/// <param name="Rights">Any of view, comment, download-proxy, download-original; view is always given.</param>
/// <param name="ExpiresAt">Default: Shares:DefaultLifetime from now; at most Shares:MaxLifetime.</param>
/// <param name="Password">Optional; at least 8 characters. Kept hashed; tell it to the recipient another way than the link.</param>
public sealed record ShareRequest(string? RecipientName, string? RecipientEmail, IReadOnlyList<Guid>? Clips, IReadOnlyList<string>? Rights, DateTimeOffset? ExpiresAt, string? Password);

/// <param name="Url">The link to send (path on this server). Shown once: only its hash is kept.</param>
public sealed record ShareView(
    Guid Id, string RecipientName, string RecipientEmail, IReadOnlyList<Guid> Clips, IReadOnlyList<string> Rights, bool PasswordRequired,
    string CreatedBy, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, string? RevokedBy, string State, int Opens, double SecondsWatched,
    string AccessLogUrl, string? Url);

/// <summary>Body of the guest's <c>POST /share/{token}/api/session</c>.</summary>
public sealed record GuestOpenRequest(string? Name, string? Email, string? Password);

/// <summary>What the share page needs before the guest is in: whether to ask for a password.</summary>
public sealed record ShareDoorView(bool PasswordRequired, DateTime ExpiresAt);

public sealed record GuestView(string Name, string Email, IReadOnlyList<string> Rights, DateTime ExpiresAt, string SharedBy);

/// <param name="Proxy">Where the player streams from; null while the clip has no proxy.</param>
public sealed record GuestClipView(Guid Id, string ClipName, double? DurationSeconds, string? FrameRate, string? StartTimecode, string? Proxy, string? ProxyDownload, string? OriginalDownload);

/// <summary>Body of the share page's <c>POST …/watched</c>: the stretches of the clip played since the last report, in seconds from its start.</summary>
public sealed record GuestWatchedRequest(IReadOnlyList<double[]>? Ranges);

/// <summary>One opening of a link.</summary>
public sealed record ShareOpenView(Guid Session, string Name, string Email, string? Address, string? Browser, DateTime OpenedAt, DateTime LastSeenAt);

/// <summary>What one person (by the e-mail they gave) watched of one clip, over all their openings.</summary>
/// <param name="Watched">The stretches watched, merged, in seconds from the clip's start.</param>
/// <param name="Heat">Per second of the clip (index = second): how many times that second was played.</param>
public sealed record PersonWatchView(Guid ShareId, string Name, string Email, Guid AssetId, string ClipName, int Opens, double Seconds,
    IReadOnlyList<double[]> Watched, IReadOnlyList<int> Heat);

public sealed record ShareAccessView(Guid ShareId, string RecipientName, IReadOnlyList<ShareOpenView> Opens, IReadOnlyList<PersonWatchView> Watched);
