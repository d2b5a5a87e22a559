namespace Mam.Catalog.Entities.Review;

/// <summary>What a guest may do through a share link, chosen one by one by the person who shares.</summary>
[Flags]
public enum ShareRights
{
    None = 0,

    /// <summary>Watch the shared clips (the proxy) and read their comments. Every link has it.</summary>
    View = 1,

    /// <summary>Comment on frames and ranges, under the name and e-mail the guest gives.</summary>
    Comment = 2,

    /// <summary>Approve, approve with changes or reject the latest version of a shared clip. Recorded and
    /// certified like a member's decision, but it does not open a stage's gate.</summary>
    Approve = 4,

    /// <summary>Download the proxy as a file.</summary>
    DownloadProxy = 8,

    /// <summary>Download the original (the camera file as offloaded).</summary>
    DownloadOriginal = 16,
}

/// <summary>A link for one person outside the project (a client, an agency) to review some clips
/// without an account. Only a SHA-256 of its secret is kept (the secret is shown once, when it is
/// made); an optional password is kept as a slow PBKDF2 hash. It always expires, and it can be
/// revoked: every guest request checks the link again, so revocation ends open sessions at once.</summary>
public sealed class ShareLink
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the secret in the link's URL.</summary>
    public required string TokenHash { get; set; }

    /// <summary>Who it is for, as the sharer named them.</summary>
    public required string RecipientName { get; set; }

    public required string RecipientEmail { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash of the password; null: no password.</summary>
    public string? PasswordHash { get; set; }

    public ShareRights Rights { get; set; }

    /// <summary>The shared clips (versions); a guest reaches nothing else.</summary>
    public List<Guid> Assets { get; set; } = [];

    public Guid? CreatedById { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

/// <summary>One opening of a share link: the guest's name and e-mail as they gave them, from where,
/// when. The access log is these rows with what each watched.</summary>
public sealed class ShareSession
{
    public Guid Id { get; set; }
    public Guid LinkId { get; set; }
    public required string GuestName { get; set; }
    public required string GuestEmail { get; set; }

    /// <summary>The client's address (the proxy's when it is not listed in Security:TrustedProxies).</summary>
    public string? Address { get; set; }

    public string? UserAgent { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}

/// <summary>What one session watched of one clip: the seconds, and the stretches of the clip the
/// picture moved through (seconds from the clip's start, as played: a stretch watched twice is there twice).</summary>
public sealed class ShareWatch
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid AssetId { get; set; }
    public double Seconds { get; set; }
    public List<double[]> Ranges { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
}
