using Mam.Workers.Pipeline.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mam.Api.Health;

/// <summary>The storage probe's second half: are the renditions the catalog lists still in the store?
/// Each readiness call checks the few checked longest ago (a rolling check that, polled by a load
/// balancer, goes round the whole catalog), has missing ones rebuilt, and reports Degraded while any
/// is missing — never 503: the API still serves everything else.</summary>
internal sealed class RenditionsHealthCheck(RenditionRepairs repairs) : IHealthCheck
{
    public const int PerCheck = 20;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await repairs.CheckAsync(PerCheck, cancellationToken).ConfigureAwait(false);
        return health.Missing == 0
            ? HealthCheckResult.Healthy($"{health.CheckedNow} rendition(s) checked in storage, none missing.")
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"{health.Missing} rendition(s) missing from storage ({string.Join(", ", health.Examples)}{(health.Missing > health.Examples.Count ? ", …" : "")}); being rebuilt by their stages (/api/pipeline/operations).");
    }
}
