namespace Mam.Api.Assets;

public sealed record AssetSummary(
    Guid Id,
    string ClipName,
    string Project,
    string Card,
    string State,
    double? DurationSeconds,
    string? StartTimecode,
    string? PosterUrl,
    IReadOnlyList<StageView> Stages);

public sealed record AssetDetail(
    Guid Id,
    string ClipName,
    string Project,
    string Card,
    Guid CardId,
    string State,
    TechnicalView? Technical,
    IReadOnlyList<AssetFileView> Files,
    IReadOnlyList<RenditionView> Renditions,
    IReadOnlyList<StageView> Stages,
    int TranscriptSegments,
    string TranscriptUrl,
    QcView? Qc,
    string TagsUrl,
    string Fixity);

/// <summary>The analysis stage's QC verdict: pass, warning or fail, with one line per finding.</summary>
public sealed record QcView(string Status, double? IntegratedLufs, double? TruePeakDbtp, IReadOnlyList<string> Summary);

/// <param name="Container">What editors call the container (QuickTime, MP4, MXF…), from ffprobe's
/// format name and the file's extension.</param>
/// <param name="FormatName">ffprobe's own format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" (its demuxer).</param>
public sealed record TechnicalView(
    string Container,
    double? DurationSeconds,
    string? FrameRate,
    double? FramesPerSecond,
    string? StartTimecode,
    string? VideoCodec,
    int? Width,
    int? Height,
    int AudioStreams,
    string? AudioLayout,
    string? FormatName);

/// <param name="Copies">How many copies of the file the catalog knows (on set, in stores, restored).</param>
/// <param name="Fixity">How its copies last checked: intact, damaged, missing (any copy), or unchecked.</param>
public sealed record AssetFileView(string Path, string Role, long Size, string Xxh64, string StorageKey, int Copies, string Fixity);

public sealed record RenditionView(string Kind, string ContentType, long Size, string Url);

public sealed record StageView(string Stage, string Status, int Attempts, string? Note, string? LastError, DateTime? StartedAt, DateTime? FinishedAt, string? RetryUrl);

public sealed record AssetPage(int Total, int Skip, int Take, IReadOnlyList<AssetSummary> Items);
