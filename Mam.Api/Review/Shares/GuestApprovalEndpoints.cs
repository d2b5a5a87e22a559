using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Review.Activity;
using Mam.Api.Review.Approvals;
using Mam.Api.Review.Approvals.Documents;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Mam.Storage;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Review.Shares;

/// <summary>A guest's decisions through a share link: giving one (with the right to approve), reading
/// back the ones given through this link, and their certificates. An approval made otherwise (by a
/// member, or through another link, even on the same clip) answers as missing here.</summary>
public static class GuestApprovalEndpoints
{
    public static RouteGroupBuilder MapGuestApprovalEndpoints(this RouteGroupBuilder guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        guest.MapPost("/clips/{assetId:guid}/approvals", ApproveAsync).RequireGuest(ShareRights.Approve).Audited(AuditActions.Approve)
            .WithSummary("Approve, approve with changes, or reject the latest version, under the name and e-mail given at the door: recorded and certified, but it opens no gate");
        guest.MapGet("/clips/{assetId:guid}/approvals", ApprovalsAsync).RequireGuest(ShareRights.View)
            .WithSummary("The decisions given through this link on the clip, oldest first, each with its certificate's URL under the link");
        guest.MapGet("/approvals/{approvalId:guid}/certificate", CertificateAsync).RequireGuest(ShareRights.View)
            .WithSummary("The certificate of an approval given through this link: the compact JWS, as the team's route answers it");
        guest.MapGet("/approvals/{approvalId:guid}/certificate.pdf", PdfAsync).RequireGuest(ShareRights.View)
            .WithSummary("The certificate of an approval given through this link, as a PDF for people");
        guest.MapGet("/approvals/signing-key.pem", (string? kid, ApprovalSigner signer, CancellationToken cancellationToken) => ApprovalEndpoints.SigningKeyAsync(kid, signer, cancellationToken))
            .RequireGuest(ShareRights.View).WithSummary("The public key certificates are signed with (PEM), to check a certificate offline; ?kid= for an older one");
        return guest;
    }

    private static async Task<Results<Created<ApprovalView>, ProblemHttpResult>> ApproveAsync(
        string token, Guid assetId, ApprovalRequest request, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, IObjectStore store, ApprovalSigner signer,
        ProjectActivity activity, TimeProvider clock, CancellationToken cancellationToken)
    {
        var guest = Guest.Of(http)!;
        var reviewer = ApprovalReviewer.Guest(guest.Author, guest.Session.GuestName, guest.Session.GuestEmail, guest.Link.Id);
        var (view, problem) = await ApprovalEndpoints.DecideAsync(assetId, request, reviewer, http, catalog, store, signer, activity, clock, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return problem!;
        }
        var own = ForGuest(view, token);
        return TypedResults.Created(own.CertificateUrl, own);
    }

    private static async Task<Ok<List<ApprovalView>>> ApprovalsAsync(string token, Guid assetId, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var guest = Guest.Of(http)!;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var approvals = await db.Approvals.AsNoTracking().Where(a => a.AssetId == assetId && a.ShareLinkId == guest.Link.Id).OrderBy(a => a.At)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var (_, versions) = await VersionStacks.OfAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(approvals.Select(a => ForGuest(ApprovalEndpoints.View(a, versions), token)).ToList());
    }

    private static async Task<IResult> CertificateAsync(Guid approvalId, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var (approval, missing) = await OwnAsync(approvalId, Guest.Of(http)!, catalog, cancellationToken).ConfigureAwait(false);
        return missing is not null ? missing : TypedResults.Text(approval!.Certificate, ApprovalEndpoints.CertificateMediaType);
    }

    private static async Task<IResult> PdfAsync(string token, Guid approvalId, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, ApprovalSigner signer,
        IOptions<CertificateDocumentOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (approval, missing) = await OwnAsync(approvalId, Guest.Of(http)!, catalog, cancellationToken).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }
        return await CertificateDocumentEndpoints.PdfOfAsync(approval!, $"/share/{token}/api/approvals/{approvalId}/certificate",
            catalog, signer, options.Value, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An approval given through the guest's link; any other answers as missing, so a link
    /// tells nothing of the team's approvals or another link's.</summary>
    private static async Task<(Approval?, ProblemHttpResult?)> OwnAsync(Guid approvalId, Guest guest, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var approval = await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == approvalId && a.ShareLinkId == guest.Link.Id, cancellationToken).ConfigureAwait(false);
        return approval is null ? (null, ApiProblems.NotFound($"No approval {approvalId} was given through this link.")) : (approval, null);
    }

    /// <summary>The approval with its certificate's URL under the link: the team's route is not the guest's.</summary>
    private static ApprovalView ForGuest(ApprovalView view, string token) => view with { CertificateUrl = $"/share/{token}/api/approvals/{view.Id}/certificate" };
}
