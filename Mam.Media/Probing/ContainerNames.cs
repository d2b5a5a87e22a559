namespace Mam.Media.Probing;

/// <summary>
/// What editors call a clip's container. ffprobe's <c>format_name</c> names its demuxer, and one demuxer
/// reads several containers ("mov,mp4,m4a,3gp,3g2,mj2" for QuickTime and MP4 alike, "matroska,webm"),
/// so the file's extension says which of them the file is; the demuxer alone decides otherwise.
/// A format this table does not know is shown as ffprobe names it.
/// </summary>
public static class ContainerNames
{
    private static readonly Dictionary<string, string> ByDemuxer = new(StringComparer.Ordinal)
    {
        ["mxf"] = "MXF",
        ["avi"] = "AVI",
        ["mpegts"] = "MPEG transport stream",
        ["mpeg"] = "MPEG program stream",
        ["mpegvideo"] = "MPEG video elementary stream",
        ["h264"] = "H.264 elementary stream",
        ["hevc"] = "HEVC elementary stream",
        ["dv"] = "DV",
        ["gxf"] = "GXF",
        ["flv"] = "Flash Video",
        ["asf"] = "Windows Media (ASF)",
        ["wav"] = "WAV",
        ["w64"] = "Wave64",
        ["aiff"] = "AIFF",
        ["mp3"] = "MP3",
        ["flac"] = "FLAC",
        ["ogg"] = "Ogg",
        ["image2"] = "Image sequence",
    };

    private static readonly Dictionary<string, string> QuickTimeFamily = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mov"] = "QuickTime",
        [".qt"] = "QuickTime",
        [".mp4"] = "MP4",
        [".m4v"] = "MP4",
        [".m4a"] = "MP4 audio",
        [".3gp"] = "3GPP",
        [".3g2"] = "3GPP2",
        [".mj2"] = "Motion JPEG 2000",
    };

    /// <param name="formatName">ffprobe's format.format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2".</param>
    /// <param name="fileName">The clip's file name or path on the card; only its extension is read.</param>
    public static string Describe(string? formatName, string? fileName)
    {
        if (string.IsNullOrWhiteSpace(formatName))
        {
            return "Unknown";
        }

        var demuxers = formatName.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var extension = Path.GetExtension(fileName ?? string.Empty);
        if (demuxers.Contains("mov", StringComparer.Ordinal))
        {
            return QuickTimeFamily.GetValueOrDefault(extension, "QuickTime/MP4");
        }

        if (demuxers.Contains("matroska", StringComparer.Ordinal))
        {
            return string.Equals(extension, ".webm", StringComparison.OrdinalIgnoreCase) ? "WebM" : "Matroska";
        }

        return demuxers.Select(d => ByDemuxer.GetValueOrDefault(d)).FirstOrDefault(n => n is not null) ?? formatName;
    }
}
