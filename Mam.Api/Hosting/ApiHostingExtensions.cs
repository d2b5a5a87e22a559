using System.Text.Json.Serialization;
using Mam.Api.Assets;
using Mam.Api.Audit;
using Mam.Api.Cards;
using Mam.Api.Health;
using Mam.Api.Jobs;
using Mam.Api.Notifications;
using Mam.Api.Pipeline;
using Mam.Workers.Pipeline.Operations;
using Mam.Api.Renditions;
using Mam.Api.Restores;
using Mam.Api.Review;
using Mam.Api.Review.Activity;
using Mam.Api.Review.Approvals;
using Mam.Api.Review.Approvals.Documents;
using Mam.Api.Review.Dashboard;
using Mam.Api.Review.Gates;
using Mam.Api.Review.Shares;
using Mam.Api.Review.Webhooks;
using Mam.Api.Search;
using Mam.Api.Security;
using Mam.Api.Security.Access;
using Mam.Api.Security.Authentication;
using Mam.Api.Security.People;
using Mam.Api.Security.SignIn;
using Mam.Api.Security.SingleSignOn;
using Mam.Api.Security.Tokens;
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
using Mam.Workers.Fixity;
using Mam.Api.Archive;
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
        services.AddFixityAudits(configuration);
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
        services.AddRestores(configuration);
        services.AddReview(configuration);
        services.AddShares(configuration);

        services.AddMamAccess(configuration);
        services.AddMamSingleSignOn(configuration);
        // Checked by the sign-in and account forms and the jobs dashboard's commands.
        services.AddAntiforgery(o => o.Cookie.SameSite = SameSiteMode.Strict);
        services.AddScoped<CardRegistration>();
        services.AddScoped<UploadSessions>();
        services.AddMamHealthChecks(embeddedWorkers);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Mam.Api.Problems.RequestWording.FillDetail);
        services.AddExceptionHandler<Mam.Api.Problems.DependencyUnavailableHandler>();
        // Bodies and parameters minimal API cannot bind become exceptions, so BadRequestHandler words them
        // for the client (the framework's own 400 names .NET types, or says nothing).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<Mam.Api.Problems.BadRequestHandler>();
        // Hosting logs every request's full URL at Information: a signed media URL's signature, a search's
        // words. Warnings (a bad request line, a failed request) still show; ops tracing has OpenTelemetry.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // "Server: Kestrel" tells a prober what to try; nobody else needs it.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        services.AddOpenApi(o => o.AddDocumentTransformer<SecuritySchemesTransformer>());
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            UtcTimestamps.AddTo(o.SerializerOptions);
            o.SerializerOptions.MaxDepth = 16;
        });
        return builder;
    }

    public static async Task<WebApplication> UseMamApiAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.MakeDataDirectoryPrivate();
        await app.Services.MigrateCatalogAsync(cancellationToken).ConfigureAwait(false);
        await app.Services.EnsureSearchIndexAsync(cancellationToken).ConfigureAwait(false);
        await FirstAdministratorAnnouncement.EnsureAsync(app, cancellationToken).ConfigureAwait(false);

        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        // Problem details for API clients; an HTML page for a browser's 404.
        app.UseStatusCodePages(NotFoundPage.WriteAsync);
        app.UseAuthentication();
        // Before authorisation and the rate limiter, so a refused or throttled request is recorded too.
        app.UseMamAudit();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi().RequireAuthorization(Policies.SignedIn);
        app.MapMamHealth();
        app.MapSignIn();
        app.MapSingleSignOn();
        app.MapAccount();
        app.MapPeopleEndpoints();
        app.MapProjectMemberEndpoints();
        app.MapTokenEndpoints();
        app.MapCardEndpoints();
        app.MapUploadEndpoints();
        app.MapAssetEndpoints();
        app.MapPipelineEndpoints();
        app.MapRenditionEndpoints();
        app.MapTranscriptEndpoints();
        app.MapTagEndpoints();
        app.MapSearchEndpoints();
        app.MapReindexEndpoints();
        app.MapFixityEndpoints();
        app.MapCopiesEndpoints();
        app.MapAuditEndpoints();
        app.MapRestoreEndpoints();
        app.MapCommentEndpoints();
        app.MapApprovalEndpoints();
        app.MapCertificateDocumentEndpoints();
        app.MapLockEndpoints();
        app.MapDashboardEndpoints();
        app.MapApprovalRequestEndpoints();
        app.MapGateEndpoints();
        app.MapActivityEndpoints();
        app.MapWebhookEndpoints();
        app.MapShareEndpoints();
        app.MapGuestEndpoints();
        app.MapNotificationEndpoints();
        app.MapWebPages();
        app.MapJobsDashboard();
        return app;
    }
}
