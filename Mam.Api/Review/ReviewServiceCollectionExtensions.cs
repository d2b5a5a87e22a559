using Mam.Api.Review.Approvals;

namespace Mam.Api.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>What review needs beyond its endpoints: the approval certificates' signer.</summary>
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddSingleton<ApprovalSigner>();
        services.AddSingleton<Activity.ProjectActivity>();
        return services;
    }
}
