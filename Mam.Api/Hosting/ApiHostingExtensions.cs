using System.Text.Json.Serialization;
using Mam.Api.Assets;
using Mam.Api.Audit;
using Mam.Api.Cards;
using Mam.Api.Health;
using Mam.Api.Jobs;
using Mam.Api.Pipeline;
using Mam.Workers.Pipeline.Operations;
using Mam.Api.Renditions;
using Mam.Api.Search;
using Mam.Api.Security;
using Mam.Api.Tags;
using Mam.Api.Transcripts;
using Mam.Api.Uploads;
using Mam.Api.Web;
using Mam.Hosting;
using Mam.Storage;
using Mam.Catalog;
using Mam.Media;
using Mam.Search;
using Mam.Workers;
using Mam.Workers.Jobs;
using Mam.Workers.Messaging;
using Mam.Workers.Reindexing;
using Mam.Workers.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mam.Api.Hosting;

public static class ApiHostingExtensions
{
    /// <summary>Everything Mam.Api needs. With Workers:Embedded (the default) the pipeline runs in
    /// this process too, so one `dotnet run` is a whole MAM.</summary>
    public static WebApplicationBuilder AddMamApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var embeddedWorkers = configuration.GetValue("Workers:Embedded", true);

        services.AddMamDataDirectory(configuration).AddCatalog(configuration).AddObjectStorage(configuration);
        services.AddMediaTools(configuration);
        services.AddMamSearch(configuration);
        services.AddSearchReindexJobs(configuration);
        services.AddMamMessaging(configuration, hostWorkers: embeddedWorkers);
        services.AddMamTelemetry(configuration, "mam-api")?
            .WithTracing(t => t.AddAspNetCoreInstrumentation())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation());
        if (embeddedWorkers)
        {
            services.AddMamWorkers(configuration);
        }
        services.AddMamJobStore(configuration);
        services.AddPipelineOperations();
        services.AddMamAudit(configuration);

        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.Section));
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<AdminRight>();
        // Checked by the jobs dashboard on its commands (a browser's admin right is a cookie there).
        services.AddAntiforgery(o =>
        {
            o.Cookie.Path = JobsDashboardEndpoints.Path;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddScoped<CardRegistration>();
        services.AddScoped<UploadSessions>();
        services.AddMamHealthChecks(embeddedWorkers);
        services.AddProblemDetails();
        services.AddExceptionHandler<Mam.Api.Problems.DependencyUnavailableHandler>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.MaxDepth = 16;
        });
        return builder;
    }

    public static async Task<WebApplication> UseMamApiAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.Services.MigrateCatalogAsync(cancellationToken).ConfigureAwait(false);
        await app.Services.EnsureSearchIndexAsync(cancellationToken).ConfigureAwait(false);
        _ = app.Services.GetRequiredService<ApiKeyStore>();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMamAudit();
        app.MapOpenApi();
        app.MapMamHealth();
        app.MapCardEndpoints();
        app.MapUploadEndpoints();
        app.MapAssetEndpoints();
        app.MapPipelineEndpoints();
        app.MapRenditionEndpoints();
        app.MapTranscriptEndpoints();
        app.MapTagEndpoints();
        app.MapSearchEndpoints();
        app.MapReindexEndpoints();
        app.MapAuditEndpoints();
        app.MapWebPages();
        app.MapJobsDashboard();
        return app;
    }
}
