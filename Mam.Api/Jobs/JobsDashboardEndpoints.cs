using Hangfire;
using Hangfire.Dashboard;
using Mam.Api.Problems;
using Mam.Api.Security;
using Mam.Workers.Jobs;
using Mam.Workers.Pipeline;

namespace Mam.Api.Jobs;

/// <summary>Hangfire's dashboard at /jobs: queues, recurring jobs, failures and retries. Everyone
/// may look (like the rest of the read API); only a caller with the admin right (<see cref="AdminRight"/>)
/// gets the buttons and may run the dashboard's commands — for anyone else Hangfire answers them 401.</summary>
public static class JobsDashboardEndpoints
{
    public const string Path = "/jobs";

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = app.ServiceProvider.GetRequiredService<AdminRight>();
        // Browsers carry the admin right in a cookie, so their commands must also carry Hangfire's
        // antiforgery token; a script sending the key in its header cannot be forged cross-site.
        var forBrowsers = Dashboard(app, admin, checkAntiforgery: true);
        var forScripts = Dashboard(app, admin, checkAntiforgery: false);
        app.MapJobsSignIn();
        app.Map(Path + "/{**path}", context => admin.SentKey(context) ? forScripts(context) : forBrowsers(context))
            .ExcludeFromDescription();
        return app;
    }

    private static RequestDelegate Dashboard(IEndpointRouteBuilder endpoints, AdminRight admin, bool checkAntiforgery)
    {
        var builder = endpoints.CreateApplicationBuilder();
        var services = builder.ApplicationServices;
        HangfireServiceCollectionExtensions.ThrowIfNotConfigured(services);
        var store = services.GetRequiredService<JobStore>();
        var options = new DashboardOptions
        {
            DashboardTitle = "MAM jobs",
            // Rights are decided per request by IsReadOnlyFunc, not by letting only local callers in.
            Authorization = [],
            AsyncAuthorization = [],
            IsReadOnlyFunc = context => !admin.HeldBy(context.GetHttpContext()),
            IgnoreAntiforgeryToken = !checkAntiforgery,
            DisplayStorageConnectionString = false,
            TimeZoneResolver = services.GetService<ITimeZoneResolver>(),
        };
        return builder
            .UsePathBase(Path)
            .Use((context, next) => AnswerWhenStoreIsDownAsync(context, next, store))
            .UseMiddleware<AspNetCoreDashboardMiddleware>(store.Storage, options, services.GetRequiredService<Hangfire.Dashboard.RouteCollection>(), true)
            .Build();
    }

    /// <summary>A job store that does not answer is a 503 that names it, not a 500 — nor the
    /// "catalog unavailable" answer the API's exception handler gives to database errors.</summary>
    private static async Task AnswerWhenStoreIsDownAsync(HttpContext context, RequestDelegate next, JobStore store)
    {
        try
        {
            await store.PrepareAsync(context.RequestAborted).ConfigureAwait(false);
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientFailures.IsTransient(ex) && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILogger<JobStore>>().LogWarning("The jobs dashboard cannot reach the job store ({Store}): {Reason}", store.Description, ex.Message);
            context.Response.Headers.RetryAfter = "5";
            await ApiProblems.Make("job-store-unavailable", "The job store is unavailable.",
                $"The job store ({store.Description}) cannot be reached right now, so the dashboard cannot show jobs. Background jobs wait until it answers; uploads, searches and clip processing carry on. /health/ready tells when it is back.",
                StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
