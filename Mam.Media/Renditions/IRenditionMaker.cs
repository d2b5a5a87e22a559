using Mam.Media.Renditions.Proxies;

namespace Mam.Media.Renditions;

/// <summary>Makes the browse renditions of a clip. Each method writes to a temporary name and renames
/// to <paramref name="outputPath"/> only on success, so a cancelled or failed run never leaves a
/// half-written file where a rendition is expected.</summary>
public interface IRenditionMaker
{
    /// <summary>An MP4 (faststart, AAC) as the proxy profile says: size, codec, quality, burn-in. Tried on the
    /// hardware encoder chosen at start, if any; a clip the hardware refuses is encoded in software instead,
    /// and the result says so.</summary>
    /// <param name="clip">Name and timecode for a burn-in.</param>
    /// <param name="profileName">A profile of Proxies:Profiles; null for Proxies:DefaultProfile.</param>
    Task<ProxyMade> MakeProxyAsync(string sourcePath, string outputPath, ProxyClip clip, string? profileName, CancellationToken cancellationToken);

    /// <summary>One JPEG frame, taken at <paramref name="atSeconds"/>, clamped into the clip's
    /// <paramref name="durationSeconds"/> (known from the probe stage, so the original is not probed again).</summary>
    Task MakePosterAsync(string sourcePath, string outputPath, double atSeconds, double durationSeconds, CancellationToken cancellationToken);

    /// <summary>A horizontal JPEG strip of <paramref name="frames"/> evenly spaced thumbnails.</summary>
    Task MakeFilmstripAsync(string sourcePath, string outputPath, double durationSeconds, int frames, CancellationToken cancellationToken);
}
