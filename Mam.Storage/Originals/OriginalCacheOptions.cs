using System.ComponentModel.DataAnnotations;
using Mam.Hosting;

namespace Mam.Storage.Originals;

/// <summary>Section "Pipeline:OriginalCache": where a worker keeps the camera originals it downloaded
/// from a remote store (S3), so probe, proxy, transcribe and analyse read each one once.</summary>
public sealed class OriginalCacheOptions
{
    public const string Section = "Pipeline:OriginalCache";

    /// <summary>Off: every stage downloads the original again (as before the cache), e.g. on a worker
    /// with no disk to spare. Has no effect with the filesystem store, which is always read in place.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Defaults to {Mam:DataDirectory}/cache/originals. Not under the work directory: its sweep
    /// removes scratch by age, and a cached original is kept by use, not age. One worker process per folder.</summary>
    public string? Directory { get; set; }

    /// <summary>Entries no stage uses are evicted, least recently used first, to stay under this.</summary>
    [Range(1, 64L * 1024 * 1024)]
    public long MaxSizeMiB { get; set; } = 50 * 1024;

    public long MaxBytes => MaxSizeMiB * 1024 * 1024;

    public string PathUnder(MamOptions mam)
    {
        ArgumentNullException.ThrowIfNull(mam);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(Directory) ? Path.Combine(mam.DataDirectory, "cache", "originals") : Directory);
    }
}
