using Hangfire;
using Hangfire.Dashboard;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Api.Security.Authentication;
using Mam.Workers.Jobs;
using Mam.Workers.Pipeline;

namespace Mam.Api.Jobs;

/// <summary>Hangfire's dashboard at /jobs: queues, recurring jobs, failures and retries — for server
/// administrators only (it shows every project's clips and can retry or delete jobs).</summary>
public static class JobsDashboardEndpoints
{
    public const string Path = "/jobs";

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Browsers are signed in by a cookie, so their commands must also carry Hangfire's
        // antiforgery token; a script sending a token in its header cannot be forged cross-site.
        var forBrowsers = Dashboard(app, checkAntiforgery: true);
        var forScripts = Dashboard(app, checkAntiforgery: false);
        app.Map(Path + "/{**path}", context => TokenAuthenticationHandler.CarriesToken(context.Request) ? forScripts(context) : forBrowsers(context))
            .RequireAuthorization(Policies.Administrator)
            .ExcludeFromDescription();
        return app;
    }

    private static RequestDelegate Dashboard(IEndpointRouteBuilder endpoints, bool checkAntiforgery)
    {
        var builder = endpoints.CreateApplicationBuilder();
        var services = builder.ApplicationServices;
        HangfireServiceCollectionExtensions.ThrowIfNotConfigured(services);
        var store = services.GetRequiredService<JobStore>();
        var options = new DashboardOptions
        {
            DashboardTitle = "MAM jobs",
            // The endpoint's policy decided already: only administrators get here.
            Authorization = [],
            AsyncAuthorization = [],
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
