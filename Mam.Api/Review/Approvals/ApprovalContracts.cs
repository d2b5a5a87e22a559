namespace Mam.Api.Review.Approvals;

/// <summary>Body of <c>POST /api/assets/{id}/versions</c>: the clip that is the next version.</summary>
public sealed record AddVersionRequest(Guid? Asset);

/// <param name="Lock">The locked version, when a project manager locked the cut; null otherwise.</param>
public sealed record VersionStackView(Guid Stack, int Latest, IReadOnlyList<VersionView> Versions, LockView? Lock);

public sealed record VersionView(int Number, Guid AssetId, string ClipName, string? AddedBy, DateTime? AddedAt, bool IsLatest, string MasterXxh64, IReadOnlyList<ApprovalView> Approvals, bool Locked);

/// <summary>Body of <c>POST /api/assets/{id}/approvals</c>: approved, approved-with-changes or rejected.</summary>
public sealed record ApprovalRequest(string? Decision, string? Note);

/// <param name="Stale">A later version's master differs from the one approved: the approval does not cover it.</param>
public sealed record ApprovalView(
    Guid Id, Guid AssetId, int Version, string Reviewer, string Decision, string? Note, DateTime At,
    string MasterPath, string MasterXxh64, string? MasterSha256, string? ProxySha256, bool Stale, string? StaleBecause, string CertificateUrl, string KeyId, string? Stage);

/// <summary>What checking a certificate found: the signature, and whether the master it names is still the clip's.</summary>
public sealed record CertificateCheckView(bool SignatureValid, string? SignatureProblem, bool MasterUnchanged, string? MasterProblem, bool Stale, string? StaleBecause, System.Text.Json.JsonElement Claims);

/// <summary>Who decides: a member (their person id and name), or a guest of a share link, who has no
/// person id and is named by what they gave at the link's door.</summary>
/// <param name="Name">How records name them: a member's name, or "Robin (guest)".</param>
public sealed record ApprovalReviewer(Guid? PersonId, string Name, string? GuestName, string? GuestEmail, Guid? ShareLinkId)
{
    public static ApprovalReviewer Member(Guid personId, string name) => new(personId, name, null, null, null);

    public static ApprovalReviewer Guest(string author, string name, string email, Guid shareLinkId) => new(null, author, name, email, shareLinkId);
}
