using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Mam.Api.Restores;

/// <summary>Section "Restores": the figures a restore plan is made of. Prices and waits are the
/// archivist's to set from their provider's price list; the defaults are AWS S3's published ones
/// (us-east-1, 2025: https://aws.amazon.com/s3/pricing/ and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-retrieval-options.html),
/// waits at the top of the range AWS gives.</summary>
public sealed class RestoreOptions : IValidatableObject
{
    public const string Section = "Restores";

    public static readonly IReadOnlyList<string> TierNames = ["Expedited", "Standard", "Bulk"];

    /// <summary>Throughput for the time estimate until restores through this server have measured one
    /// (the median of the latest that read at least 64 MiB). A guess for a 1 Gb/s link to the store.</summary>
    [Range(0.01, 1_000_000)]
    public double ThroughputMiBps { get; set; } = 100;

    /// <summary>How many of the latest finished restores the measured throughput is the median of.</summary>
    [Range(1, 1000)]
    public int MeasuredFromLatest { get; set; } = 10;

    /// <summary>How long a manifest's URLs read the files (presigned GETs; signed links on the folder store).
    /// Starting the restore again hands out fresh ones. S3 allows at most 7 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(12);

    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Restores:Currency is a three-letter ISO 4217 code (USD, EUR…).")]
    public string Currency { get; set; } = "USD";

    /// <summary>Storage class → retrieval tier → wait and price, for the classes that need a restore
    /// request before a read. Settings add classes or change figures (Restores:ArchiveClasses:GLACIER:Bulk:PricePerGiB).</summary>
    public Dictionary<string, Dictionary<string, RetrievalTerms>> ArchiveClasses { get; set; } = new(StringComparer.Ordinal)
    {
        ["GLACIER"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Expedited"] = new() { WaitHours = 5.0 / 60, PricePerGiB = 0.03m },
            ["Standard"] = new() { WaitHours = 5, PricePerGiB = 0.01m },
            ["Bulk"] = new() { WaitHours = 12, PricePerGiB = 0m },
        },
        ["DEEP_ARCHIVE"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Standard"] = new() { WaitHours = 12, PricePerGiB = 0.02m },
            ["Bulk"] = new() { WaitHours = 48, PricePerGiB = 0.0025m },
        },
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (storageClass, tiers) in ArchiveClasses)
        {
            foreach (var (tier, terms) in tiers)
            {
                var at = $"Restores:ArchiveClasses:{storageClass}:{tier}";
                if (!TierNames.Contains(tier, StringComparer.Ordinal))
                {
                    yield return new ValidationResult($"{at}: '{tier}' is not a retrieval tier; the tiers are {string.Join(", ", TierNames)}.", [nameof(ArchiveClasses)]);
                }
                if (terms.WaitHours is <= 0 or > 24 * 30)
                {
                    yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture,
                        $"{at}:WaitHours must be more than 0 and at most 720, got {terms.WaitHours}."), [nameof(ArchiveClasses)]);
                }
                if (terms.PricePerGiB < 0)
                {
                    yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture,
                        $"{at}:PricePerGiB cannot be negative, got {terms.PricePerGiB}."), [nameof(ArchiveClasses)]);
                }
            }
        }
    }
}

/// <summary>One retrieval tier of one archive class.</summary>
public sealed class RetrievalTerms
{
    /// <summary>Hours until a restored copy is readable.</summary>
    public double WaitHours { get; set; }

    /// <summary>Retrieval price per GiB (2^30 bytes) in <see cref="RestoreOptions.Currency"/>.</summary>
    public decimal PricePerGiB { get; set; }
}
