using System.ComponentModel.DataAnnotations;

namespace Mam.Workers.Audit;

/// <summary>Section "Audit": how long the audit trail keeps its rows, and how its writer queues them.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Rows older than this many days are deleted by the retention job, once a day. Nothing
    /// else deletes or changes a row.</summary>
    [Range(1, 36500)]
    public int RetentionDays { get; set; } = 400;

    /// <summary>Events waiting to be written. A full queue makes the next request wait for room rather
    /// than drop an event; it fills only when the catalog cannot keep up or cannot be reached.</summary>
    [Range(100, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>A playback's range requests (and a view's watched seconds) are added up into one row
    /// until none has come for this long; a playback that goes on is written a row per 15 such windows.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PlaybackWindow { get; set; } = TimeSpan.FromMinutes(1);
}
