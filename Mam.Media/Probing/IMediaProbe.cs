namespace Mam.Media.Probing;

/// <summary>Reads technical metadata from a media file.</summary>
public interface IMediaProbe
{
    /// <exception cref="MediaProbeException">The file is not media ffprobe can read.</exception>
    Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken);

    /// <summary>Probes over HTTP(S) (an object store's presigned GET): ffprobe asks for the ranges it
    /// needs (header, index) rather than the whole file. <paramref name="displayName"/> stands for the
    /// URL in messages, which must not carry its signature.</summary>
    /// <exception cref="MediaProbeException">The file is not media ffprobe can read, or the URL cannot be read.</exception>
    Task<MediaInfo> ProbeAsync(Uri url, string displayName, CancellationToken cancellationToken);
}

public sealed class MediaProbeException(string message, Exception? inner = null) : Exception(message, inner);
