using System.Globalization;
using System.Text.Json.Nodes;
using Mam.Search.Text;

namespace Mam.Search.Elasticsearch;

/// <summary>A clip as the JSON document the template maps. Absent values are left out rather than
/// sent as null, so a clip without a camera is simply not in the camera facet (as in FTS5).</summary>
public static class ElasticsearchDocument
{
    /// <summary>Dates travel as UTC with milliseconds, the precision of the "date" type.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static JsonObject Build(AssetDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var json = new JsonObject
        {
            ["assetId"] = Id(document.AssetId),
            ["project"] = IndexedText.Clean(document.Project),
            ["card"] = IndexedText.Clean(document.Card),
            ["clipName"] = IndexedText.Clean(document.ClipName),
            ["metadata"] = IndexedText.Clean(document.Metadata),
        };
        AddIfSet(json, "camera", DocumentRules.Field(document.Camera));
        AddIfSet(json, "recordedAt", Instant(DocumentRules.Utc(document.RecordedAt)));
        AddIfSet(json, "codec", DocumentRules.Field(document.Codec));
        AddIfSet(json, "resolution", DocumentRules.Field(document.Resolution));
        json["tags"] = new JsonArray(DocumentRules.Tags(document).Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        json["hasFaces"] = document.HasFaces;
        AddIfSet(json, "qcStatus", document.QcStatus);
        json["segments"] = new JsonArray((document.Segments ?? []).Select(Segment).ToArray());
        return json;
    }

    public static string Id(Guid assetId) => assetId.ToString("D", CultureInfo.InvariantCulture);

    public static string? Instant(DateTime? value) => value?.ToString(InstantFormat, CultureInfo.InvariantCulture);

    private static JsonNode Segment(SegmentDocument segment)
    {
        var json = new JsonObject
        {
            ["start"] = segment.Start,
            ["end"] = segment.End,
            ["source"] = segment.Source ?? SegmentSources.Transcript,
            ["text"] = IndexedText.Clean(segment.Text),
        };
        if (segment.Confidence is { } confidence && double.IsFinite(confidence))
        {
            json["confidence"] = confidence;
        }

        return json;
    }

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
