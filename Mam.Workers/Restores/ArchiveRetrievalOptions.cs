using System.ComponentModel.DataAnnotations;

namespace Mam.Workers.Restores;

/// <summary>Section "Restores:Archive": how files in an archive tier (S3 GLACIER, DEEP_ARCHIVE) are
/// brought back for a restore. The tiers' waits and prices are in "Restores:ArchiveClasses".</summary>
public sealed class ArchiveRetrievalOptions
{
    public const string Section = "Restores:Archive";

    /// <summary>How long the store keeps a restored copy readable (S3 RestoreObject's Days; it is billed
    /// as storage meanwhile). Long enough for the archivist to run the agent after the wait.</summary>
    [Range(1, 365)]
    public int Days { get; set; } = 7;

    /// <summary>How often the store is asked whether requested copies are readable yet (HEAD, x-amz-restore),
    /// and whether readable ones expired. Must divide a minute, an hour or a day evenly.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);
}
