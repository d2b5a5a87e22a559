using System.Globalization;
using System.Text.Json;
using Mam.Catalog.Entities.Review;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Mam.Api.Review.Approvals.Documents;

/// <summary>The approval certificate for people: one A4 page (more for a long note) saying who decided
/// what on which version, the hashes it binds, how it stands now, and the signed certificate itself
/// with the public key and the command that check it offline. The PDF is not what is signed: the JWS
/// printed in it is. It names no URL, so a copy forwarded outside the team leaks no share link.</summary>
internal static class CertificateDocument
{
    public static byte[] Write(Approval approval, CertificateCheckView check, string project, string clipName, string? publicKeyPem, DateTime checkedAt)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Approval certificate: {clipName} version {approval.Version}";
        document.Info.Author = approval.Reviewer;
        document.Info.Subject = $"{ApprovalWordsOf(approval)} — {project}";
        document.Info.Creator = "MAM review";

        var unicode = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var title = new XFont(CertificateFonts.Sans, 18, XFontStyleEx.Bold, unicode);
        var bold = new XFont(CertificateFonts.Sans, 10, XFontStyleEx.Bold, unicode);
        var text = new XFont(CertificateFonts.Sans, 10, XFontStyleEx.Regular, unicode);
        var label = new XFont(CertificateFonts.Sans, 9, XFontStyleEx.Regular, unicode);
        var mono = new XFont(CertificateFonts.Mono, 8.5, XFontStyleEx.Regular, unicode);
        var small = new XFont(CertificateFonts.Mono, 7, XFontStyleEx.Regular, unicode);

        using (var column = new PdfColumn(document))
        {
            column.Heading("Approval certificate", title);
            var (state, brush) = Standing(check);
            column.Paragraph(state, bold, brush);

            column.Row("Decision", ApprovalWordsOf(approval), label, bold);
            if (approval.Note is { } note)
            {
                column.Row("Note", note, label, text);
            }
            column.Row("Reviewer", approval.Reviewer, label, text);
            if (approval.GuestEmail is { } email)
            {
                column.Row("Guest", $"{email}, through share link {approval.ShareLinkId}", label, text);
            }
            column.Row("Decided at", Utc(approval.At), label, text);
            column.Row("Project", project, label, text);
            column.Row("Clip", clipName, label, text);
            column.Row("Version", approval.Version.ToString(CultureInfo.InvariantCulture), label, text);
            column.Row("Stage", approval.Stage ?? "(the project has no stages)", label, text);
            column.Row("Master", approval.MasterPath, label, text);
            column.Row("Master xxh64 (on set)", approval.MasterXxh64, label, mono);
            column.Row("Master SHA-256", approval.MasterSha256 ?? "not known when approved", label, mono);
            column.Row("Proxy watched SHA-256", approval.ProxySha256 ?? "the clip had no proxy", label, mono);
            column.Row("Approval", approval.Id.ToString(), label, mono);
            column.Row("Signing key", approval.KeyId, label, mono);
            column.Row("Checked at", Utc(checkedAt), label, text);

            column.Paragraph("", text);
            column.Paragraph("The signed certificate (compact JWS, RS256). This text, not the PDF, is what the server signed. "
                + "To check it offline, save it as one line in approval.jws, save the public key below it as signing-key.pem "
                + "(the BEGIN and END lines included), and run:", text);
            column.Paragraph("bash infra/verify-approval.sh approval.jws signing-key.pem", mono);
            column.Block(approval.Certificate, small);
            column.Paragraph("", text);
            // A key retired since signing is still kept (signatures are checked against it), so this is
            // only missing for a catalog that lost its keys, and the standing line above says NOT VALID.
            column.Paragraph(publicKeyPem is null ? $"The signing key {approval.KeyId} is no longer on this server." : $"Signing key {approval.KeyId} (public, PEM):", text);
            if (publicKeyPem is not null)
            {
                column.Block(publicKeyPem.Trim(), small);
            }
        }

        using var bytes = new MemoryStream();
        document.Save(bytes, false);
        return bytes.ToArray();
    }

    /// <summary>The one line a reader looks at first: can this approval still be relied on?</summary>
    private static (string Text, XBrush Brush) Standing(CertificateCheckView check)
    {
        if (!check.SignatureValid)
        {
            return ($"NOT VALID: {check.SignatureProblem}", XBrushes.DarkRed);
        }
        if (!check.MasterUnchanged)
        {
            return ($"MASTER CHANGED: {check.MasterProblem}", XBrushes.DarkRed);
        }
        if (check.Stale)
        {
            return ($"STALE: {check.StaleBecause}", XBrushes.DarkOrange);
        }
        return ("Signature valid; the master is unchanged and no later version replaced it.", XBrushes.DarkGreen);
    }

    private static string ApprovalWordsOf(Approval approval) => Gates.ApprovalWords.Of(approval.Decision) switch
    {
        "approved" => "Approved",
        "approved-with-changes" => "Approved with changes",
        "rejected" => "Rejected",
        var other => other,
    };

    private static string Utc(DateTime at) =>
        DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The clip's name as signed (the catalog's may have been renamed since).</summary>
    public static string ClipNameOf(JsonElement claims) =>
        claims.TryGetProperty("clip", out var clip) && clip.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";

    public static string ProjectOf(JsonElement claims) =>
        claims.TryGetProperty("project", out var project) ? project.GetString() ?? "" : "";
}
