using Mam.Workers.Audit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Api.Audit;

public static class AuditApiExtensions
{
    /// <summary>The audit trail's writer and the tallies of playbacks (Audit section).</summary>
    public static IServiceCollection AddMamAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddAuditTrail(configuration);
        // After the trail: hosted services stop in reverse order, so the tallies are written into the
        // trail's queue before the trail writes its last batch.
        services.AddSingleton<PlaybackTallies>();
        services.AddHostedService(sp => sp.GetRequiredService<PlaybackTallies>());
        return services;
    }

    /// <summary>Records every request to an endpoint marked <c>.Audited(action)</c>; after routing.</summary>
    public static IApplicationBuilder UseMamAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();
}
