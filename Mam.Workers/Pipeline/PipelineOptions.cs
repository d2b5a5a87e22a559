using System.ComponentModel.DataAnnotations;

namespace Mam.Workers.Pipeline;

/// <summary>Section "Pipeline".</summary>
public sealed class PipelineOptions : IValidatableObject
{
    public const string Section = "Pipeline";

    /// <summary>The cap for a stage that is alive but hung: its worker stops renewing the lease and cancels
    /// it this long after it started, and it is re-run (a dead worker is noticed by its lease, much sooner).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00")]
    public TimeSpan StageDeadline { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a worker holds a stage it claimed without renewing; it renews every third of this
    /// while it works. A worker that dies (kill -9, power cut) stops renewing, and its stage is taken over
    /// by the next reconcile after the lease runs out: within LeaseDuration + ReconcileInterval.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a stage whose worker died is re-run before it is marked failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How often the reconciler runs; must divide a minute, an hour or a day evenly (it is a
    /// cron schedule, see Jobs/RecurringSchedule).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A ready stage still pending after this long had its message lost; publish it again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RepublishPendingAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages of each kind handled at once by this process. Media stages are CPU-bound.</summary>
    [Range(1, 64)]
    public int MediaConcurrency { get; set; } = 1;

    [Range(1, 64)]
    public int LightConcurrency { get; set; } = 4;

    /// <summary>Thumbnails in a filmstrip.</summary>
    [Range(2, 60)]
    public int FilmstripFrames { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Jobs.RecurringSchedule.TryEvery(ReconcileInterval, out _))
        {
            yield return new ValidationResult("Pipeline:ReconcileInterval " + Jobs.RecurringSchedule.Explain(ReconcileInterval), [nameof(ReconcileInterval)]);
        }
        if (LeaseDuration >= StageDeadline)
        {
            yield return new ValidationResult(
                $"Pipeline:LeaseDuration ({LeaseDuration}) must be shorter than Pipeline:StageDeadline ({StageDeadline}): the lease is renewed while a stage runs, the deadline caps a stage that hangs.",
                [nameof(LeaseDuration), nameof(StageDeadline)]);
        }
    }
}
