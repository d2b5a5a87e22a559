using System.ComponentModel.DataAnnotations;

namespace Mam.Api.Review.Approvals.Documents;

/// <summary>Section "Review:Certificates": where the PDF certificate's fonts are.</summary>
public sealed class CertificateDocumentOptions : IValidatableObject
{
    public const string Section = "Review:Certificates";

    /// <summary>A folder holding DejaVuSans.ttf, DejaVuSans-Bold.ttf and DejaVuSansMono.ttf.</summary>
    public string FontFolder { get; set; } = "/usr/share/fonts/truetype/dejavu";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Only the shape is checked at start: a server without the fonts still approves and signs; its
        // PDF route says what to install.
        if (string.IsNullOrWhiteSpace(FontFolder) || !Path.IsPathFullyQualified(FontFolder))
        {
            yield return new ValidationResult($"{Section}:{nameof(FontFolder)} must be an absolute folder path (Debian: /usr/share/fonts/truetype/dejavu).", [nameof(FontFolder)]);
        }
    }
}
