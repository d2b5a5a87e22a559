namespace Mam.Search;

/// <summary>Everything searchable and filterable about one clip, as both engines index it.</summary>
/// <param name="Metadata">Free text an editor might type to find the clip by what it is (file path,
/// camera, roll, codec...); searched like the clip name, not time-coded.</param>
/// <param name="Segments">Time-coded text: transcript phrases, on-screen text, slates, objects, faces.</param>
public sealed record AssetDocument(
    Guid AssetId,
    string Project,
    string Card,
    string ClipName,
    string Metadata,
    IReadOnlyList<SegmentDocument> Segments)
{
    /// <summary>The card's camera letter or name ("A", "B-cam"); filter and facet.</summary>
    public string? Camera { get; init; }

    /// <summary>When the camera recorded the clip (UTC), if the file says; the date-range filter.</summary>
    public DateTime? RecordedAt { get; init; }

    /// <summary>Video codec as ffprobe names it ("prores", "h264").</summary>
    public string? Codec { get; init; }

    /// <summary>"1920x1080"; see <see cref="Resolutions.Of"/>.</summary>
    public string? Resolution { get; init; }

    /// <summary>Labels of what the analysis saw (objects, faces, slates): "person", "scene 12 take 3".</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool HasFaces { get; init; }

    /// <summary>One of <see cref="QcStatuses"/>, or null before the clip was analysed.</summary>
    public string? QcStatus { get; init; }
}

/// <summary>A time-coded piece of text. Times in seconds from the clip's first frame.</summary>
/// <param name="Source">One of <see cref="SegmentSources"/>: where the text came from.</param>
public sealed record SegmentDocument(double Start, double End, string Text, string Source)
{
    /// <summary>The engine's confidence 0..1 (speech recogniser, OCR, detector), if it gave one.</summary>
    public double? Confidence { get; init; }

    /// <summary>When each word of <see cref="Text"/> was said, in order (speech-to-text gives them); a hit
    /// then carries the time of its first and last matching word. Empty for text without word times
    /// (slates, on-screen text, tags): a hit there carries the segment's times.</summary>
    public IReadOnlyList<WordTiming> Words { get; init; } = [];
}

/// <summary>One recognised word and when it was said, in seconds from the clip's first frame.</summary>
public sealed record WordTiming(string Word, double Start, double End);

/// <summary>Values of <see cref="SegmentDocument.Source"/> and <see cref="SearchHit.Source"/>.</summary>
public static class SegmentSources
{
    /// <summary>A spoken phrase from the speech-to-text stage.</summary>
    public const string Transcript = "transcript";

    /// <summary>On-screen text read by OCR (lower thirds, supers, signs).</summary>
    public const string Text = "text";

    /// <summary>A slate: its parsed scene/take and the raw text read on it.</summary>
    public const string Slate = "slate";

    /// <summary>An object class seen in the frame ("person", "car").</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Editors call it an object; the value is shown as is.")]
    public const string Object = "object";

    /// <summary>Faces seen in the frame.</summary>
    public const string Face = "face";

    /// <summary>A QC finding ("black", "freeze").</summary>
    public const string Qc = "qc";

    /// <summary>Not a segment: the clip's name, card or metadata matched (asset hits).</summary>
    public const string Clip = "clip";
}

/// <summary>Values of <see cref="AssetDocument.QcStatus"/> (lower case, as the API's qc filter takes them).</summary>
public static class QcStatuses
{
    public const string Pass = "pass";
    public const string Warning = "warning";
    public const string Fail = "fail";

    public static IReadOnlyList<string> All { get; } = [Pass, Warning, Fail];
}

public static class Resolutions
{
    /// <summary>"1920x1080": what an editor types and what the facet shows.</summary>
    public static string? Of(int? width, int? height) =>
        width is > 0 && height is > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{width}x{height}")
            : null;
}
