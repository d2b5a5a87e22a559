namespace Mam.Workers.Notifications;

/// <summary>The daily digest as a recurring job ("daily-digest" on the dashboard), at Digest:At.</summary>
public sealed class DailyDigestJob(DailyDigest digest) : Jobs.IRecurringJob
{
    public const string Id = "daily-digest";

    public Task RunAsync(CancellationToken cancellationToken) => digest.SendAsync(cancellationToken);
}
