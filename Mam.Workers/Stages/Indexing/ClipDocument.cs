using System.Globalization;
using Mam.Catalog.Entities;
using Mam.Search;

namespace Mam.Workers.Stages.Indexing;

/// <summary>Maps what the catalog knows about a clip to the one document both search engines index.
/// What was said, read or seen becomes time-coded text, so typing "person" or a word on the slate
/// lands on that timecode; shots and QC findings only feed filters (a cut or a loudness figure is
/// not something an editor types).</summary>
public static class ClipDocument
{
    public static AssetDocument From(Asset asset, IReadOnlyList<TranscriptSegment> transcript, IReadOnlyList<ClipTag> tags)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(tags);
        var card = asset.Card ?? throw new ArgumentException("The asset's card must be loaded.", nameof(asset));
        var technical = asset.Technical;

        var segments = transcript
            .OrderBy(s => s.Sequence)
            .Select(s => new SegmentDocument(s.Start, s.End, s.Text, SegmentSources.Transcript)
            {
                Confidence = s.Confidence,
                // Each word's time: a hit on "young man" lands where "young" is said, not where the phrase starts.
                Words = (s.Words ?? []).Select(w => new WordTiming(w.Word, w.Start, w.End)).ToList(),
            })
            .Concat(tags.OrderBy(t => t.Start).Select(Segment).OfType<SegmentDocument>())
            .ToList();

        return new AssetDocument(asset.Id, card.Project?.Name ?? string.Empty, card.Name, asset.ClipName, Metadata(asset), segments)
        {
            Camera = card.Camera,
            RecordedAt = technical?.RecordedAt,
            Codec = technical?.VideoCodec,
            Resolution = Resolutions.Of(technical?.Width, technical?.Height),
            // Face tags are labelled by count ("2 faces"): as tag values they would split the facet per
            // count; HasFaces is the filter for them.
            Tags = tags.Where(t => t.Kind is TagKind.Object or TagKind.Slate)
                .Select(t => t.Label.Trim())
                .Where(l => l.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList(),
            HasFaces = tags.Any(t => t.Kind == TagKind.Face && (t.Value ?? 1) > 0),
            QcStatus = asset.Qc?.Status switch
            {
                QcStatus.Pass => QcStatuses.Pass,
                QcStatus.Warning => QcStatuses.Warning,
                QcStatus.Fail => QcStatuses.Fail,
                _ => null,
            },
        };
    }

    private static SegmentDocument? Segment(ClipTag tag)
    {
        var source = tag.Kind switch
        {
            TagKind.Text => SegmentSources.Text,
            TagKind.Slate => SegmentSources.Slate,
            TagKind.Object => SegmentSources.Object,
            TagKind.Face => SegmentSources.Face,
            _ => null,
        };

        // A detector's odd time (NaN, end before start) must not keep the clip out of the index.
        if (source is null || !double.IsFinite(tag.Start) || !double.IsFinite(tag.End))
        {
            return null;
        }

        // A slate's label is the parsed "scene 12 take 3"; the raw text read on it (production name,
        // director, roll) is what an editor may remember, so both are searchable.
        var text = tag.Kind == TagKind.Slate && !string.IsNullOrWhiteSpace(tag.Detail)
            ? $"{tag.Label} {tag.Detail}"
            : tag.Label;
        return new SegmentDocument(tag.Start, Math.Max(tag.Start, tag.End), text, source)
        {
            Confidence = double.IsFinite(tag.Confidence) ? tag.Confidence : null,
        };
    }

    /// <summary>The words an editor might type to find a clip by what it is rather than what is said.</summary>
    private static string Metadata(Asset asset)
    {
        var t = asset.Technical;
        var parts = new List<string?>
        {
            asset.SourceFile?.RelativePath,
            asset.Card?.Camera is { } camera ? $"camera {camera}" : null,
            asset.Card?.Roll is { } roll ? $"roll {roll}" : null,
            asset.Card?.Dit,
            t?.VideoCodec,
            Resolutions.Of(t?.Width, t?.Height),
            t?.AudioLayout,
            t?.Container,
            t?.RecordedAt is { } recorded ? recorded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        };
        return string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }
}
