using System.ComponentModel.DataAnnotations;

namespace Mam.Workers.Pipeline;

/// <summary>Section "Pipeline".</summary>
public sealed class PipelineOptions : IValidatableObject
{
    public const string Section = "Pipeline";

    /// <summary>A stage running longer than this is presumed dead (its worker crashed) and is re-run.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00")]
    public TimeSpan StageDeadline { get; set; } = TimeSpan.FromHours(2);

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
    }
}
