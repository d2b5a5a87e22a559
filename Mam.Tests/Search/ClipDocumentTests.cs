using Mam.Catalog.Entities;
using Mam.Search;
using Mam.Workers.Stages.Indexing;

namespace Mam.Tests.Search;

/// <summary>What the index stage makes of a catalogued clip: what was said, read or seen becomes
/// time-coded text; shots and QC only feed filters.</summary>
[TestFixture]
public sealed class ClipDocumentTests
{
    [Test]
    public void From_MapsTheCardAndProbeResultsToFilterFields()
    {
        var document = ClipDocument.From(Asset(), [], []);

        (document.Project, document.Card, document.ClipName, document.Camera).ShouldBe(("Harbour Film", "A001R1AB", "A001C001", "A"));
        (document.Codec, document.Resolution).ShouldBe(("prores", "1920x1080"));
        document.RecordedAt.ShouldBe(new DateTime(2026, 11, 21, 9, 15, 0, DateTimeKind.Utc));
        document.QcStatus.ShouldBe(QcStatuses.Warning);
        document.HasFaces.ShouldBeFalse();
        document.Metadata.ShouldContain("camera A");
        document.Metadata.ShouldContain("2026-11-21");
    }

    [Test]
    public void From_MakesTranscriptPhrasesAndSeenOrReadTagsSearchable_ShotsAndQcOnlyFilters()
    {
        var transcript = new List<TranscriptSegment>
        {
            new() { Sequence = 1, Start = 4, End = 6, Text = "Bring the green bag.", Engine = "pocketsphinx", Confidence = 0.82 },
        };
        var tags = new List<ClipTag>
        {
            Tag(TagKind.Shot, "shot", 0, 3),
            Tag(TagKind.Slate, "scene 12 take 3", 0, 1, detail: "HARBOUR FILM DIR. SMITH"),
            Tag(TagKind.Text, "HARBOUR MASTER", 7, 9, confidence: 0.64),
            Tag(TagKind.Object, "person", 2, 8, confidence: 0.91),
            Tag(TagKind.Object, "person", 10, 12, confidence: 0.7),
            Tag(TagKind.Face, "2 faces", 2, 8, value: 2),
            Tag(TagKind.Qc, "black", 0, 0.5),
        };

        var document = ClipDocument.From(Asset(), transcript, tags);

        document.Segments.Select(s => (s.Source, s.Start, s.Text)).ShouldBe(
        [
            (SegmentSources.Transcript, 4.0, "Bring the green bag."),
            (SegmentSources.Slate, 0.0, "scene 12 take 3 HARBOUR FILM DIR. SMITH"),
            (SegmentSources.Object, 2.0, "person"),
            (SegmentSources.Face, 2.0, "2 faces"),
            (SegmentSources.Text, 7.0, "HARBOUR MASTER"),
            (SegmentSources.Object, 10.0, "person"),
        ], ignoreOrder: true);
        document.Segments.Single(s => s.Source == SegmentSources.Transcript).Confidence.ShouldBe(0.82);
        document.Segments.Single(s => s.Source == SegmentSources.Text).Confidence.ShouldBe(0.64);
        document.Tags.ShouldBe(["scene 12 take 3", "person"], ignoreOrder: true, "faces are the hasFaces filter, not one tag per count");
        document.HasFaces.ShouldBeTrue();
    }

    [Test]
    public void From_CarriesEachSpokenWordsTime_SoHitsCanLandOnTheWords()
    {
        var transcript = new List<TranscriptSegment>
        {
            new()
            {
                Sequence = 1, Start = 11.72, End = 14.6, Text = "said the young man", Engine = "pocketsphinx",
                Words = [new("said", 11.72, 12.1, 0.9), new("the", 12.2, 12.4, 0.8), new("young", 13.62, 13.95, 0.9), new("man", 14.0, 14.6, 0.7)],
            },
        };

        var segment = ClipDocument.From(Asset(), transcript, [Tag(TagKind.Slate, "scene 1 take 1", 0, 1)])
            .Segments.Single(s => s.Source == SegmentSources.Transcript);

        segment.Words.ShouldBe([new WordTiming("said", 11.72, 12.1), new WordTiming("the", 12.2, 12.4),
            new WordTiming("young", 13.62, 13.95), new WordTiming("man", 14.0, 14.6)]);
    }

    [Test]
    public void From_DropsATagWithImpossibleTimes_ButKeepsTheClip()
    {
        var tags = new List<ClipTag> { Tag(TagKind.Object, "car", double.NaN, 2), Tag(TagKind.Object, "dog", 5, 4) };

        var document = ClipDocument.From(Asset(), [], tags);

        document.Segments.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            s => s.Text.ShouldBe("dog"), s => s.Start.ShouldBe(5.0), s => s.End.ShouldBe(5.0));
    }

    [Test]
    public void From_AClipNotYetProbedOrAnalysed_HasNoFilterValues()
    {
        var asset = Asset();
        asset.Technical = null;
        asset.Qc = null;
        asset.Card!.Camera = null;

        var document = ClipDocument.From(asset, [], [Tag(TagKind.Face, "0 faces", 1, 2, value: 0)]);

        (document.Camera, document.Codec, document.Resolution, document.RecordedAt, document.QcStatus).ShouldBe((null, null, null, null, null));
        document.HasFaces.ShouldBeFalse("a face tag counting zero faces is not a face");
    }

    private static Asset Asset()
    {
        var project = new Project { Id = Guid.NewGuid(), Name = "Harbour Film", CreatedAt = DateTime.UtcNow };
        var card = new Card { Id = Guid.NewGuid(), ProjectId = project.Id, Project = project, Name = "A001R1AB", Camera = "A", Roll = "R1" };
        return new Asset
        {
            Id = Guid.NewGuid(),
            CardId = card.Id,
            Card = card,
            ClipName = "A001C001",
            Technical = new TechnicalMetadata
            {
                Container = "mov,mp4,m4a,3gp,3g2,mj2",
                VideoCodec = "prores",
                Width = 1920,
                Height = 1080,
                RecordedAt = new DateTime(2026, 11, 21, 9, 15, 0, DateTimeKind.Utc),
            },
            Qc = new QcReport { Status = QcStatus.Warning },
        };
    }

    private static ClipTag Tag(TagKind kind, string label, double start, double end, double confidence = 1, double? value = null, string? detail = null) =>
        new() { Id = Guid.NewGuid(), Kind = kind, Label = label, Start = start, End = end, Confidence = confidence, Source = "test", Value = value, Detail = detail };
}
