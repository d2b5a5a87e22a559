namespace Mam.Catalog.Entities.Review;

public enum ApprovalDecision
{
    Approved,
    ApprovedWithChanges,
    Rejected,
}

/// <summary>A reviewer's decision on one version, with the signed certificate that binds it to the
/// exact proxy watched and the master's on-set hashes.</summary>
public sealed class Approval
{
    public Guid Id { get; set; }
    public Guid AssetId { get; set; }
    public Guid StackId { get; set; }
    public int Version { get; set; }
    /// <summary>The member who decided; null for a guest of a share link, who has no person id.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>How records name the reviewer: a member's name, or a guest's as "Robin (guest)".</summary>
    public required string Reviewer { get; set; }

    /// <summary>A guest's e-mail as given at the link's door, and the link they came through; null for members.</summary>
    public string? GuestEmail { get; set; }
    public Guid? ShareLinkId { get; set; }

    public ApprovalDecision Decision { get; set; }
    public string? Note { get; set; }
    public DateTime At { get; set; }

    /// <summary>The project's review stage the version stood at, when the project has stages.</summary>
    public string? Stage { get; set; }

    /// <summary>The master as it was offloaded on set: its path on the card and its hashes.</summary>
    public required string MasterPath { get; set; }
    public required string MasterXxh64 { get; set; }
    public string? MasterSha256 { get; set; }

    /// <summary>SHA-256 of the proxy the reviewer watched (null when the clip had none).</summary>
    public string? ProxySha256 { get; set; }

    /// <summary>The certificate: a JWS (RS256) in compact form, and the id of the key that signed it.</summary>
    public required string Certificate { get; set; }
    public required string KeyId { get; set; }
}
