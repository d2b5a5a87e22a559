using System.Globalization;
using System.Text.Json.Serialization;
using Mam.Search.Text;
using Mam.Search.Words;

namespace Mam.Search.Elasticsearch;

/// <summary>A clip as the _source the template maps: what the client writes in a bulk request and reads
/// back from hits. Absent values are left out rather than sent as null, so a clip without a camera is
/// simply not in the camera facet (as in FTS5). Names are pinned here, not left to the serializer's
/// naming policy, because they are the mapping's field names.</summary>
public sealed record ElasticsearchDocument
{
    /// <summary>Dates travel as UTC with milliseconds, the precision of the "date" type.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    [JsonPropertyName("assetId")]
    public string AssetId { get; init; } = string.Empty;

    [JsonPropertyName("project")]
    public string Project { get; init; } = string.Empty;

    [JsonPropertyName("card")]
    public string Card { get; init; } = string.Empty;

    [JsonPropertyName("clipName")]
    public string ClipName { get; init; } = string.Empty;

    /// <summary>Left out of search answers (_source excludes) and so null there.</summary>
    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Metadata { get; init; }

    [JsonPropertyName("camera")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Camera { get; init; }

    /// <summary>A string in <see cref="InstantFormat"/>, not a DateTime: the serializer would drop the
    /// milliseconds' zeros and a reader would depend on its date handling.</summary>
    [JsonPropertyName("recordedAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RecordedAt { get; init; }

    [JsonPropertyName("codec")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Codec { get; init; }

    [JsonPropertyName("resolution")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Resolution { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [JsonPropertyName("hasFaces")]
    public bool HasFaces { get; init; }

    [JsonPropertyName("qcStatus")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? QcStatus { get; init; }

    /// <summary>Left out of search answers; each matching one comes back as an inner hit instead.</summary>
    [JsonPropertyName("segments")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ElasticsearchSegment>? Segments { get; init; }

    public static ElasticsearchDocument From(AssetDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new ElasticsearchDocument
        {
            AssetId = Id(document.AssetId),
            Project = IndexedText.Clean(document.Project),
            Card = IndexedText.Clean(document.Card),
            ClipName = IndexedText.Clean(document.ClipName),
            Metadata = IndexedText.Clean(document.Metadata),
            Camera = DocumentRules.Field(document.Camera),
            RecordedAt = Instant(DocumentRules.Utc(document.RecordedAt)),
            Codec = DocumentRules.Field(document.Codec),
            Resolution = DocumentRules.Field(document.Resolution),
            Tags = DocumentRules.Tags(document),
            HasFaces = document.HasFaces,
            QcStatus = document.QcStatus,
            Segments = IndexedSegments.Of(document).Select(ElasticsearchSegment.From).ToList(),
        };
    }

    public static string Id(Guid assetId) => assetId.ToString("D", CultureInfo.InvariantCulture);

    public static string? Instant(DateTime? value) => value?.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static DateTime? ParseInstant(string? value) => value is null
        ? null
        : DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}

/// <summary>One time-coded piece of text, a nested document of its clip.</summary>
public sealed record ElasticsearchSegment
{
    [JsonPropertyName("start")]
    public double Start { get; init; }

    [JsonPropertyName("end")]
    public double End { get; init; }

    [JsonPropertyName("source")]
    public string Source { get; init; } = SegmentSources.Transcript;

    [JsonPropertyName("text")]
    public string Text { get; init; } = string.Empty;

    [JsonPropertyName("confidence")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Confidence { get; init; }

    /// <summary>The words' times (<see cref="WordTimes"/>, base64: the mapping's binary type): stored
    /// with the segment, never searched; absent for text without word times.</summary>
    [JsonPropertyName("words")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Words { get; init; }

    internal static ElasticsearchSegment From(IndexedSegment segment) => new()
    {
        Start = segment.Start,
        End = segment.End,
        Source = segment.Source,
        Text = segment.Text,
        Confidence = segment.Confidence,
        Words = segment.Words is { } words ? Convert.ToBase64String(words) : null,
    };

    /// <summary>The stored word times, or none when absent or not base64 (an index written by hand).</summary>
    internal byte[] WordTimes()
    {
        var bytes = new byte[(Words?.Length ?? 0) * 3 / 4];
        return Words is not null && Convert.TryFromBase64String(Words, bytes, out var written) ? bytes[..written] : [];
    }
}
