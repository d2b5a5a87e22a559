using Microsoft.Extensions.DependencyInjection.Extensions;
using Mam.Api.Review.Approvals;

namespace Mam.Api.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>What review needs beyond its endpoints: the approval certificates' signer, the activity feed, the webhook sender.</summary>
    public static IServiceCollection AddReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Webhooks.WebhookOptions>().Bind(configuration.GetSection(Webhooks.WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // Receivers are other companies' servers: no cookies, no automatic redirects to follow blindly.
        services.AddHttpClient(Webhooks.WebhookSender.Client).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddHostedService<Webhooks.WebhookSender>();
        services.AddOptions<Approvals.Documents.CertificateDocumentOptions>().Bind(configuration.GetSection(Approvals.Documents.CertificateDocumentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApprovalSigner>();
        services.TryAddSingleton<Mam.Workers.Activity.ActivitySignal>();
        services.AddSingleton<Activity.ProjectActivity>();
        services.AddSingleton<Activity.CatalogEventWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<Activity.CatalogEventWatch>());
        services.AddSingleton<Notifications.NotificationInbox>();
        return services;
    }
}
