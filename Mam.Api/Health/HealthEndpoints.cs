using Mam.Catalog;
using Mam.Media;
using Mam.Media.Analysis;
using Mam.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Mam.Api.Health;

public static class HealthEndpoints
{
    /// <param name="embeddedWorkers">Only an API that runs the pipeline itself needs Node and the vision
    /// packages, or an ffmpeg with every encoder and filter; an API in front of separate workers runs
    /// neither, so it must not report unready (503, out of the load balancer) for lacking them. Its
    /// ffmpeg entry still says what is missing, as Degraded. (With embedded workers an unfit ffmpeg
    /// stops the API at start.)</param>
    public static IServiceCollection AddMamHealthChecks(this IServiceCollection services, bool embeddedWorkers)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<CatalogHealthCheck>("catalog", tags: ["ready"])
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<RenditionsHealthCheck>("renditions", HealthStatus.Degraded, tags: ["ready"])
            .AddCheck<MediaToolsHealthCheck>("media-tools", tags: ["ready"])
            .AddCheck<FfmpegHealthCheck>("ffmpeg", embeddedWorkers ? HealthStatus.Unhealthy : HealthStatus.Degraded, tags: ["ready"])
            .AddCheck<JobStoreHealthCheck>("jobs", HealthStatus.Degraded, tags: ["ready"], timeout: JobStoreHealthCheck.Timeout);
        if (embeddedWorkers)
        {
            checks.AddCheck<AnalysisHealthCheck>("analysis", tags: ["ready"]);
        }
        return services;
    }

    /// <summary>/health/live: the process answers. /health/ready: catalog, storage, media tools, ffmpeg's
    /// capabilities, the job store and clip analysis work.</summary>
    public static IEndpointRouteBuilder MapMamHealth(this IEndpointRouteBuilder app)
    {
        // Load balancers and orchestrators ask without credentials; the answers name no footage.
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new()
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}

internal sealed class CatalogHealthCheck(IDbContextFactory<CatalogDbContext> catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The catalog database cannot be reached.");
    }
}

internal sealed class StorageHealthCheck(IObjectStore store, IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A lookup of a key that need not exist: proves the store answers, for any provider.
            await store.GetSizeAsync("health/probe", cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(options.Value.Provider.ToString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException || Mam.Workers.Pipeline.TransientFailures.IsTransient(ex))
        {
            return HealthCheckResult.Unhealthy($"The {options.Value.Provider} object store does not answer: {ex.Message}");
        }
    }
}

internal sealed class MediaToolsHealthCheck(IOptions<MediaToolsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        // ffmpeg and ffprobe are asked by the "ffmpeg" check (FfmpegReadiness), which also runs them.
        var missing = new[] { o.PocketsphinxPath }.Where(p => !File.Exists(p)).ToList();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Missing: {string.Join(", ", missing)}. Install them with: bash infra/install-deps.sh"));
    }
}

/// <summary>Tesseract, and Node with the vision packages when Analysis:Vision:Enabled: what is missing
/// and the command that installs it (typically "npm ci" in Mam.Workers/Vision).</summary>
internal sealed class AnalysisHealthCheck(AnalysisReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = readiness.Problems();
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy(readiness.Describe())
            : HealthCheckResult.Unhealthy(string.Join(' ', problems)));
    }
}
