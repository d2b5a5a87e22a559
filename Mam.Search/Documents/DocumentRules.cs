using System.Globalization;

namespace Mam.Search;

/// <summary>What every engine refuses to index: a document that would put nonsense timecodes or an
/// unknown QC status in front of an editor.</summary>
internal static class DocumentRules
{
    /// <summary>About 12 days of one phrase a second: more is a runaway detector, not a clip.</summary>
    public const int MaxSegments = Sqlite.SqliteDocumentWriter.MaxSegmentsPerClip;

    public static void Validate(AssetDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.AssetId == Guid.Empty)
        {
            throw new ArgumentException("The asset id must not be empty.", nameof(document));
        }

        if (document.QcStatus is { } qc && !QcStatuses.All.Contains(qc, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown QC status '{qc}'; use one of {string.Join(", ", QcStatuses.All)}.", nameof(document));
        }

        if (document.Segments is { Count: > MaxSegments })
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"A clip can have at most {MaxSegments} segments (got {document.Segments.Count})."), nameof(document));
        }

        foreach (var segment in document.Segments ?? [])
        {
            if (!double.IsFinite(segment.Start) || !double.IsFinite(segment.End) || segment.End < segment.Start)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Segment times must be finite with end >= start (got {segment.Start}..{segment.End})."),
                    nameof(document));
            }
        }
    }

    /// <summary>A filter field as stored and as compared: cleaned and trimmed; blank is "not set".</summary>
    public static string? Field(string? value)
    {
        var cleaned = Text.IndexedText.Clean(value).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Tags as stored: cleaned, trimmed, no blanks, each once.</summary>
    public static IReadOnlyList<string> Tags(AssetDocument document) =>
        (document.Tags ?? [])
            .Select(t => Text.IndexedText.Clean(t).Trim())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Recording instants are compared as UTC everywhere (the filter's bounds are UTC too).</summary>
    public static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { Kind: DateTimeKind.Unspecified } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        { } utc => utc,
    };
}
