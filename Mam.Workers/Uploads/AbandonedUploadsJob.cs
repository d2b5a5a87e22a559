using Mam.Workers.Jobs;

namespace Mam.Workers.Uploads;

/// <summary>The sweep of abandoned uploads as an hourly recurring job ("upload-expiry" on the dashboard).</summary>
public sealed class AbandonedUploadsJob(AbandonedUploads uploads) : IRecurringJob
{
    public const string Id = "upload-expiry";

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public Task RunAsync(CancellationToken cancellationToken) => uploads.ExpireAsync(cancellationToken);
}
