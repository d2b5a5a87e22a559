using Hangfire.Common;
using Hangfire.Storage;
using Newtonsoft.Json;

namespace Mam.Workers.Reindexing;

/// <summary>How far a re-index job has got, kept as its job parameter <see cref="Name"/> in the job
/// store, which every host shares: any API host answers the status URL from it, and the dashboard's
/// job page lists it under Parameters. Written when the job is created (the clips planned), then
/// after every batch. Flat, so the dashboard shows it readably.</summary>
/// <param name="StartedAt">When the run that wrote it began (UTC; a job taken up again after its
/// host went away runs again from the start); null while the job is queued.</param>
public sealed record ReindexJobProgress(string? Project, int Total, int Done, string[] Refused, double ElapsedSeconds, DateTime? StartedAt)
{
    public const string Name = "Progress";

    public static ReindexJobProgress Of(ReindexProgress progress, DateTime startedAt)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new(progress.Project, progress.Total, progress.Done, [.. progress.Refused], progress.Elapsed.TotalSeconds, startedAt);
    }

    /// <summary>The progress line, first for whoever reads the dashboard.</summary>
    [JsonProperty(Order = -2)]
    public string Line => Progress.ToString();

    [JsonIgnore]
    public ReindexProgress Progress => new(Project, Total, Done, Refused, TimeSpan.FromSeconds(ElapsedSeconds));

    /// <param name="total">The clips counted when the job was asked for; the run plans them again.</param>
    public static ReindexJobProgress Queued(string? project, int total) => new(project, total, 0, [], 0, null);

    /// <summary>Null when the job has none (a job created by hand on the dashboard).</summary>
    public static ReindexJobProgress? Read(IStorageConnection connection, string jobId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var stored = connection.GetJobParameter(jobId, Name);
        return string.IsNullOrEmpty(stored) ? null : SerializationHelper.Deserialize<ReindexJobProgress>(stored, SerializationOption.User);
    }

    public void Write(IStorageConnection connection, string jobId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.SetJobParameter(jobId, Name, SerializationHelper.Serialize(this, SerializationOption.User));
    }
}
