using Mam.Workers.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mam.Api.Health;

/// <summary>Registered Degraded, not Unhealthy, with a short timeout: when the job store does not
/// answer — refuses, fails in any way, or takes connections and never replies — the API still serves
/// every read and write and the pipeline still runs its stages; only background jobs (the reconciler)
/// wait. So a load balancer must neither take the API out of service for it nor wait on it. The
/// registration gives the status (an exception or the timeout becomes Degraded); this only words it.</summary>
internal sealed class JobStoreHealthCheck(JobStore store) : IHealthCheck
{
    /// <summary>Well under a load balancer's usual probe timeout (5–10 s).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return HealthCheckResult.Healthy(await store.ProbeAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (Mam.Workers.Pipeline.TransientFailures.IsTransient(ex))
        {
            return Unavailable(context, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Unavailable(context, $"it did not answer within {context.Registration.Timeout.TotalSeconds} s.");
        }
    }

    private HealthCheckResult Unavailable(HealthCheckContext context, string reason) => new(context.Registration.FailureStatus,
        $"The job store ({store.Description}) is unavailable: {reason} Background jobs (the pipeline reconciler) wait until it answers again; uploads, searches and clip processing carry on.");
}
