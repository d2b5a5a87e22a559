namespace Mam.Media.Probing;

/// <summary>What ffprobe tells us about one clip, reduced to what the catalog and the UI need.</summary>
/// <param name="RecordedAt">When the camera recorded the clip (the container's creation_time, UTC), if it says.</param>
public sealed record MediaInfo(
    string FormatName,
    double? DurationSeconds,
    FrameRate? FrameRate,
    string? StartTimecode,
    VideoStreamInfo? Video,
    IReadOnlyList<AudioStreamInfo> Audio,
    DateTime? RecordedAt = null)
{
    public bool HasVideo => Video is not null;
    public bool HasAudio => Audio.Count > 0;
}

public sealed record VideoStreamInfo(string Codec, int Width, int Height, string? PixelFormat, string? Profile);

public sealed record AudioStreamInfo(int Index, string Codec, int Channels, string? ChannelLayout, int SampleRate);

/// <summary>A frame rate kept as a rational (30000/1001), never as a rounded double.</summary>
public readonly record struct FrameRate(int Numerator, int Denominator)
{
    public double Value => (double)Numerator / Denominator;

    /// <summary>29.97 and 59.94 are the rates SMPTE drop-frame timecode exists for.</summary>
    public bool IsNtsc => Denominator == 1001;

    public override string ToString() =>
        Denominator == 1 ? Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture)
                         : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
