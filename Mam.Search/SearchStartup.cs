using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mam.Search;

public static class SearchStartup
{
    /// <summary>Creates the index's tables (FTS5) or template and index (Elasticsearch) at start-up,
    /// before the first stage or query needs them. A search server that is down does not keep the
    /// MAM from starting: the catalog, uploads and renditions work without it, and the index is
    /// created on first use once the server is back.</summary>
    public static async Task EnsureSearchIndexAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            await services.GetRequiredService<ISearchIndex>().EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SearchUnavailableException e)
        {
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(SearchStartup).FullName!)
                .LogWarning(e, "The search server is unavailable at start-up; searches answer 503 until it is back");
        }
    }
}
