namespace Mam.Media.Probing;

/// <summary>Reads technical metadata from a media file.</summary>
public interface IMediaProbe
{
    /// <exception cref="MediaProbeException">The file is not media ffprobe can read.</exception>
    Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken);
}

public sealed class MediaProbeException(string message, Exception? inner = null) : Exception(message, inner);
