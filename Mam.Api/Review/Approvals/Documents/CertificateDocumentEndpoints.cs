using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Review.Approvals.Documents;

/// <summary><c>GET /api/approvals/{id}/certificate.pdf</c>: the certificate for people, checked as it
/// is served (a PDF printed last year may say "current"; the one fetched now says whether it still is).</summary>
public static class CertificateDocumentEndpoints
{
    public const string PdfMediaType = "application/pdf";

    public static IEndpointRouteBuilder MapCertificateDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/approvals/{approvalId:guid}/certificate.pdf", PdfAsync).WithTags("Review").RequireAuthorization(Policies.Read)
            .WithSummary("The approval's certificate as a PDF for people: decision, reviewer, hashes, how it stands now, and the signed JWS with the command that checks it offline");
        return app;
    }

    private static async Task<IResult> PdfAsync(Guid approvalId, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, ApprovalSigner signer,
        IOptions<CertificateDocumentOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (approval, refused) = await ApprovalEndpoints.FindAsync(approvalId, guard, catalog, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }
        return await PdfOfAsync(approval!, $"/api/approvals/{approvalId}/certificate", catalog, signer, options.Value, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The PDF of an approval already found readable by the caller. It names no URL: it carries
    /// the signing key itself, so it checks offline on its own, and a PDF a guest forwards carries no
    /// share link's secret. <paramref name="certificateUrl"/> (the caller's own route) is only said in
    /// the answer when no PDF can be made.</summary>
    internal static async Task<IResult> PdfOfAsync(Approval approval, string certificateUrl, IDbContextFactory<CatalogDbContext> catalog, ApprovalSigner signer,
        CertificateDocumentOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var folder = options.FontFolder;
        if (CertificateFonts.Missing(folder) is { } missing)
        {
            return ApiProblems.Make("certificate-pdf-unavailable", "Certificate PDFs cannot be made on this server.",
                $"The font {missing} is missing: install Debian's fonts-dejavu-core or set {CertificateDocumentOptions.Section}:{nameof(CertificateDocumentOptions.FontFolder)}. The signed certificate itself is at {certificateUrl}.",
                StatusCodes.Status503ServiceUnavailable);
        }
        CertificateFonts.Install(folder);
        var check = await ApprovalEndpoints.CheckOfAsync(approval, catalog, signer, cancellationToken).ConfigureAwait(false);
        var key = await signer.PublicKeyPemAsync(approval.KeyId, cancellationToken).ConfigureAwait(false);
        var pdf = CertificateDocument.Write(approval, check, CertificateDocument.ProjectOf(check.Claims), CertificateDocument.ClipNameOf(check.Claims),
            key, clock.GetUtcNow().UtcDateTime);
        return TypedResults.File(pdf, PdfMediaType, $"approval-{approval.Id}.pdf");
    }
}
