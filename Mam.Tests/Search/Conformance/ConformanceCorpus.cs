using Mam.Search;

namespace Mam.Tests.Search.Conformance;

/// <summary>Four clips in two projects that exercise every query feature and filter: dialogue,
/// a slate, an object, a face, on-screen text, dates, codecs, resolutions, tags and QC verdicts.</summary>
public static class ConformanceCorpus
{
    public static readonly Guid H1 = Guid.Parse("10000000-0000-0000-0000-000000000001");
    public static readonly Guid H2 = Guid.Parse("10000000-0000-0000-0000-000000000002");
    public static readonly Guid H3 = Guid.Parse("10000000-0000-0000-0000-000000000003");
    public static readonly Guid D1 = Guid.Parse("20000000-0000-0000-0000-000000000001");

    public const string HarbourFilm = "Harbour Film";
    public const string DesertFilm = "Desert Film";

    public static IReadOnlyList<AssetDocument> Clips { get; } =
    [
        new(H1, HarbourFilm, "A001", "A001C001", "A001C001.mov camera A",
        [
            new SegmentDocument(0, 1, "scene 12 take 3 HARBOUR FILM roll A001", SegmentSources.Slate) { Confidence = 0.7 },
            new SegmentDocument(1, 3.5, "The boat came home to the harbour at dawn.", SegmentSources.Transcript) { Confidence = 0.9 },
            new SegmentDocument(2, 6, "person", SegmentSources.Object) { Confidence = 0.8 },
            new SegmentDocument(2, 6, "2 faces", SegmentSources.Face) { Confidence = 0.75 },
            new SegmentDocument(5, 8, "Nobody saw the storm coming.", SegmentSources.Transcript),
            new SegmentDocument(10, 12, "Meet me at the harbour wall.", SegmentSources.Transcript),
        ])
        {
            Camera = "A", Codec = "prores", Resolution = "1920x1080", RecordedAt = Utc(2026, 11, 20, 9),
            Tags = ["person", "scene 12 take 3"], HasFaces = true, QcStatus = QcStatuses.Pass,
        },
        new(H2, HarbourFilm, "A001", "A001C002", "A001C002.mov camera A",
        [
            new SegmentDocument(0, 3, "Home is where the boat is, she came back.", SegmentSources.Transcript),
            new SegmentDocument(4, 7, "The ship is late because of the storm.", SegmentSources.Transcript),
            new SegmentDocument(8, 10, "HARBOURMASTER", SegmentSources.Text) { Confidence = 0.6 },
        ])
        {
            Camera = "A", Codec = "h264", Resolution = "1280x720", RecordedAt = Utc(2026, 11, 21, 15, 30),
            Tags = ["car"], HasFaces = false, QcStatus = QcStatuses.Warning,
        },
        new(H3, HarbourFilm, "B002", "B002C001", "B002C001.mov camera B",
        [
            new SegmentDocument(0, 2, "The ship is late.", SegmentSources.Transcript),
            new SegmentDocument(3, 6, "Running through the harbours of the north.", SegmentSources.Transcript),
            new SegmentDocument(9, 11, "She left her bag on the pier.", SegmentSources.Transcript),
        ])
        {
            Camera = "B", Codec = "prores", Resolution = "1920x1080", QcStatus = QcStatuses.Fail,
        },
        new(D1, DesertFilm, "A001", "A001C001", "A001C001.mov camera A",
        [
            new SegmentDocument(0, 3, "No harbour out here, only sand.", SegmentSources.Transcript),
            new SegmentDocument(4, 6, "He typed <script>alert('x')</script> & left.", SegmentSources.Transcript),
            new SegmentDocument(9, 12, "A basket of grapes from the vineyard.", SegmentSources.Transcript),
        ])
        {
            Camera = "A", Codec = "prores", Resolution = "3840x2160", RecordedAt = Utc(2026, 11, 21, 8),
            Tags = ["person"], HasFaces = true, QcStatus = QcStatuses.Pass,
        },
    ];

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
