using Mam.Workers.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mam.Api.Health;

/// <summary>Degraded, not Unhealthy, when the job store does not answer: the API still serves every
/// read and write and the pipeline still runs its stages — only background jobs (the reconciler)
/// wait — so a load balancer must not take the API out of service for it.</summary>
internal sealed class JobStoreHealthCheck(JobStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return HealthCheckResult.Healthy(await store.ProbeAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (Mam.Workers.Pipeline.TransientFailures.IsTransient(ex))
        {
            return HealthCheckResult.Degraded(
                $"The job store ({store.Description}) is unavailable: {ex.Message} Background jobs (the pipeline reconciler) wait until it answers again; uploads, searches and clip processing carry on.");
        }
    }
}
