using Mam.Workers.Jobs;
using Mam.Workers.Pipeline.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Workers.Reindexing;

public static class ReindexServiceCollectionExtensions
{
    /// <summary><see cref="SearchReindex"/>, for a direct run (the <c>reindex</c> command). Needs the
    /// catalog and the search index (AddCatalog, AddMamSearch).</summary>
    public static IServiceCollection AddSearchReindex(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SearchReindex>();
        return services;
    }

    /// <summary>Re-indexes as Hangfire jobs: <see cref="ReindexJobs"/> to start them and read their
    /// state (the API), and <see cref="SearchReindexJob"/> for the hosts whose job server runs them.
    /// Safe to call more than once.</summary>
    public static IServiceCollection AddSearchReindexJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSearchReindex();
        services.AddMamJobStore(configuration);
        services.TryAddSingleton<ReindexJobs>();
        services.TryAddSingleton<OperationRecords>();
        services.TryAddScoped<SearchReindexJob>();
        return services;
    }
}
