using Mam.Media.Capabilities;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mam.Api.Health;

/// <summary>The configured ffmpeg's version, each encoder and filter the pipeline needs with whether it
/// is there, the hardware acceleration built in, and where proxies are encoded (Proxies:HardwareEncoding). Detected once
/// per process; an ffmpeg replaced under a running service shows after a restart. What is missing is
/// reported with the registration's failure status (Degraded on an API that runs no ffmpeg itself).</summary>
internal sealed class FfmpegHealthCheck(FfmpegReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await readiness.CheckAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object>
        {
            ["path"] = report.FfmpegPath,
            ["version"] = report.Version ?? "unknown",
            ["encoders"] = report.Encoders,
            ["filters"] = report.Filters,
            ["hardwareAccelerators"] = report.HardwareAccelerators,
            ["hardwareEncoders"] = report.HardwareEncoders,
            ["proxyEncoding"] = report.ProxyHardware?.ToString() ?? "software",
        };
        return report.IsReady
            ? HealthCheckResult.Healthy($"ffmpeg {report.Version} at {report.FfmpegPath} has every encoder and filter the pipeline needs.", data)
            : new HealthCheckResult(context.Registration.FailureStatus, string.Join(' ', report.Problems), data: data);
    }
}
