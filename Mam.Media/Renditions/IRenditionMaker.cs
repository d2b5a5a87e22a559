namespace Mam.Media.Renditions;

/// <summary>Makes the browse renditions of a clip. Each method writes to a temporary name and renames
/// to <paramref name="outputPath"/> only on success, so a cancelled or failed run never leaves a
/// half-written file where a rendition is expected.</summary>
public interface IRenditionMaker
{
    /// <summary>H.264/AAC MP4, faststart, ~960 px wide (aspect kept, even dimensions).</summary>
    Task MakeProxyAsync(string sourcePath, string outputPath, CancellationToken cancellationToken);

    /// <summary>One JPEG frame, taken at <paramref name="atSeconds"/>, clamped into the clip's
    /// <paramref name="durationSeconds"/> (known from the probe stage, so the original is not probed again).</summary>
    Task MakePosterAsync(string sourcePath, string outputPath, double atSeconds, double durationSeconds, CancellationToken cancellationToken);

    /// <summary>A horizontal JPEG strip of <paramref name="frames"/> evenly spaced thumbnails.</summary>
    Task MakeFilmstripAsync(string sourcePath, string outputPath, double durationSeconds, int frames, CancellationToken cancellationToken);
}
